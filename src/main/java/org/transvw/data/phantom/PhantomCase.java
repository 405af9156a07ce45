package org.transvw.data.phantom;

import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * One phantom patient.
 *
 * @param ct the CT volume in HU (float, {@link org.transvw.data.Modality#CT},
 *          raw: {@link org.transvw.data.IntensityMap#raw()})
 * @param lesions 0/1 nodule mask on the same grid (all 0 when lesions are off)
 * @param group the look-alike group of this patient
 */
public record PhantomCase(Volume ct, RandomAccessibleInterval<UnsignedByteType> lesions,
	int group)
{}
