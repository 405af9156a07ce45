package org.transvw.spark;

import java.io.Serializable;
import java.util.Locale;

/**
 * One line of the job's summary: what happened to one volume.
 *
 * @param volume the input as given (path or URI)
 * @param status {@code done}, {@code skipped} (finished by an earlier run) or {@code failed}
 * @param message why it failed (empty otherwise)
 * @param seconds wall time of reading, segmenting and writing it (of the earlier run if skipped)
 * @param voxels voxels of the input grid
 * @param foregroundMl foreground volume in millilitres (labels > 0 times the voxel volume)
 * @param dice Dice against the labels folder's mask, NaN without one
 */
public record VolumeResult(String volume, String status, String message, double seconds,
	long voxels, double foregroundMl, double dice) implements Serializable
{

	public static final String HEADER = "volume,status,message,seconds,voxels,foreground_ml,dice";

	public static VolumeResult failed(final String volume, final String message,
		final double seconds)
	{
		return new VolumeResult(volume, "failed", message, seconds, 0, Double.NaN, Double.NaN);
	}

	public VolumeResult withStatus(final String s) {
		return new VolumeResult(volume, s, message, seconds, voxels, foregroundMl, dice);
	}

	public String csv() {
		return quote(volume) + "," + status + "," + quote(message) + "," + String.format(Locale.ROOT,
			"%.3f,%d,%s,%s", seconds, voxels, num(foregroundMl), num(dice));
	}

	public static VolumeResult parse(final String line) {
		final String[] f = split(line);
		return new VolumeResult(f[0], f[1], f[2], Double.parseDouble(f[3]), Long.parseLong(f[4]),
			f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]), f[6].isEmpty() ? Double.NaN
				: Double.parseDouble(f[6]));
	}

	private static String num(final double v) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
	}

	static String quote(final String s) {
		final String t = s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
		return t.contains(",") || t.contains("\"") ? "\"" + t.replace("\"", "\"\"") + "\"" : t;
	}

	/** Splits one CSV line (double-quoted fields may hold commas and doubled quotes). */
	static String[] split(final String line) {
		final java.util.List<String> out = new java.util.ArrayList<>();
		final StringBuilder sb = new StringBuilder();
		boolean q = false;
		for (int i = 0; i < line.length(); i++) {
			final char c = line.charAt(i);
			if (q) {
				if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
					sb.append('"');
					i++;
				}
				else if (c == '"') q = false;
				else sb.append(c);
			}
			else if (c == '"') q = true;
			else if (c == ',') {
				out.add(sb.toString());
				sb.setLength(0);
			}
			else sb.append(c);
		}
		out.add(sb.toString());
		return out.toArray(new String[0]);
	}
}
