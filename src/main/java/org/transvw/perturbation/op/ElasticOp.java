package org.transvw.perturbation.op;

import org.scijava.plugin.Plugin;
import org.transvw.perturbation.ElasticDeformation;
import org.transvw.perturbation.Perturbation;

/** Op "transvw.elastic": In-plane elastic deformation (method.md §3.1). */
@Plugin(type = PerturbationOp.class, name = "transvw.elastic")
public final class ElasticOp implements PerturbationOp {

	/** Field scale α. */
	public double alpha = ElasticDeformation.ALPHA;

	/** Field smoothness σ in voxels. */
	public double sigma = ElasticDeformation.SIGMA;

	@Override
	public Perturbation<?> perturbation() {
		return new ElasticDeformation(alpha, sigma);
	}
}
