package org.transvw.data.phantom;

import org.transvw.data.Volume;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.integer.UnsignedByteType;

/**
 * One phantom chest radiograph.
 *
 * @param image the 2D radiograph: line integrals of attenuation (float,
 *          {@link org.transvw.data.Modality#XRAY}, raw: {@link
 *          org.transvw.data.IntensityMap#raw()}, layout of {@link Drr})
 * @param lesions 0/1 nodule mask on the same grid: 1 where the ray crosses a nodule
 * @param group the look-alike group of this patient
 * @param nodules nodules in the patient (3D components; they may overlap in projection)
 */
public record RadiographCase(Volume image, RandomAccessibleInterval<UnsignedByteType> lesions,
	int group, int nodules)
{}
