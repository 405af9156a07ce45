package org.transvw.data.phantom;

import org.transvw.common.RandomStreams;

/**
 * The anatomy parameters of one phantom patient, in mm, in a frame centred on the volume
 * (x: patient right +, y: anterior +, z: superior +, i.e. RAS+). Group-level values are drawn
 * from the group's stream; each patient multiplies sizes by {@code 1 + jitter * N(0,1)} and
 * shifts positions by {@code jitter * 100 mm * N(0,1)} from its own stream, so look-alike
 * patients share their anatomy up to a small jitter.
 */
final class ChestAnatomy {

	// body outline: ellipse with separate anterior/posterior half-depths, subcutaneous fat
	final double bodyCx, bodyCy, bodyA, bodyAnt, bodyPost, fat;
	// rib cage ring (inside the chest wall muscle) and ribs
	final double ringA, ringAnt, ringPost, ribPeriod, ribPhase, ribDrop, ribHeight, ribThick;
	// spine: vertebral body radius, canal radius, vertebra period and disc height
	final double spineY, vertR, canalR, vertPeriod, vertPhase, discHeight;
	// lungs (mirror pair), diaphragm dome, breathing state in [0, 1] (1 = full inspiration)
	final double lungCx, lungCy, lungA, lungB, apexZ, apexLen, diaZ, domeH, rightLift, breath;
	// heart ellipsoid, rotated in-plane by heartAngle (radians)
	final double heartX, heartY, heartZ, heartA, heartB, heartC, heartAngle, heartCos, heartSin;
	// HU of lung parenchyma and fat for this patient
	final double lungHu, fatHu;

	ChestAnatomy(final RandomStreams group, final RandomStreams patient, final double jitter) {
		final Draw g = new Draw(group), p = new Draw(patient);
		final double rel = jitter, mm = jitter * 100;
		bodyCx = g.uniform(-12, 12) + mm * p.gauss();
		bodyCy = g.uniform(-10, 10) + mm * p.gauss();
		bodyA = g.uniform(140, 175) * (1 + rel * p.gauss());
		bodyAnt = g.uniform(95, 120) * (1 + rel * p.gauss());
		bodyPost = bodyAnt * g.uniform(0.9, 1.05) * (1 + rel * p.gauss());
		fat = g.uniform(6, 22) * (1 + 2 * rel * p.gauss());
		final double muscle = g.uniform(8, 14);
		ringA = bodyA - fat - muscle;
		ringAnt = bodyAnt - fat - muscle;
		ringPost = bodyPost - fat - muscle;
		ribPeriod = g.uniform(24, 30) * (1 + rel * p.gauss());
		ribPhase = g.uniform(0, ribPeriod);
		ribDrop = g.uniform(30, 50);
		ribHeight = g.uniform(8, 11);
		ribThick = g.uniform(7, 10);
		vertR = g.uniform(15, 19) * (1 + rel * p.gauss());
		canalR = g.uniform(6.5, 8);
		spineY = -ringPost + vertR + 2 * canalR + 10;
		vertPeriod = g.uniform(24, 28);
		vertPhase = g.uniform(0, vertPeriod);
		discHeight = g.uniform(4, 6);
		breath = clamp(g.uniform(0, 1) + 3 * rel * p.gauss(), 0, 1);
		final double inflate = 0.92 + 0.08 * breath;
		lungCx = ringA * g.uniform(0.5, 0.55);
		lungCy = -0.05 * ringPost + mm * 0.3 * p.gauss();
		lungA = ringA * g.uniform(0.37, 0.41) * inflate * (1 + rel * p.gauss());
		lungB = (ringAnt + ringPost) / 2 * g.uniform(0.78, 0.86) * inflate * (1 + rel * p.gauss());
		apexZ = g.uniform(120, 150) + mm * p.gauss();
		apexLen = g.uniform(60, 90);
		diaZ = g.uniform(-130, -90) - 25 * breath + mm * p.gauss();
		domeH = g.uniform(25, 40);
		rightLift = g.uniform(10, 20);
		heartX = -g.uniform(10, 30) + mm * p.gauss();
		heartY = g.uniform(15, 35) + mm * 0.5 * p.gauss();
		heartA = g.uniform(55, 70) * (1 + rel * p.gauss());
		heartB = g.uniform(42, 52) * (1 + rel * p.gauss());
		heartC = g.uniform(50, 62) * (1 + rel * p.gauss());
		heartZ = diaZ + domeH + heartC * 0.55;
		heartAngle = g.uniform(-0.6, -0.3);
		heartCos = Math.cos(heartAngle);
		heartSin = Math.sin(heartAngle);
		lungHu = -780 - 100 * breath + 5 * p.gauss();
		fatHu = g.uniform(-110, -90);
	}

	/** Mean HU of a tissue for this patient. */
	double hu(final Tissue t) {
		if (t == Tissue.LUNG) return lungHu;
		if (t == Tissue.FAT) return fatHu;
		return t.hu();
	}

	private static double clamp(final double v, final double lo, final double hi) {
		return Math.max(lo, Math.min(hi, v));
	}

	/** Draws in a fixed order from one stream. */
	private static final class Draw {

		private final RandomStreams rng;

		Draw(final RandomStreams rng) {
			this.rng = rng;
		}

		double uniform(final double lo, final double hi) {
			return lo + (hi - lo) * rng.nextDouble();
		}

		double gauss() {
			return Math.max(-3, Math.min(3, rng.nextGaussian()));
		}
	}
}
