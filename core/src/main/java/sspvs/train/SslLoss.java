package sspvs.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import sspvs.model.ssl.SelfSupervisedModel;
import sspvs.tensor.Scalars;

/**
 * The self-supervised objective of SSPVS ({@code fuse} in the reference's {@code ssl/models/losses.py}):
 * {@code bce + alpha1·mse + alpha2·contrast}, where
 * <ul>
 *   <li>{@code bce}: binary cross-entropy of the video–text match probability against the label (1 = the video's
 *       own text, 0 = another video's);</li>
 *   <li>{@code mse}: torch {@code MSELoss} (mean over batch and width) of the predicted masked frame against the
 *       original frame (zeros when the mask fell into padding);</li>
 *   <li>{@code contrast}: {@code mean(label·hd² + (1−label)·relu(margin − hd)²)} with {@code hd} the
 *       {@link #hausdorff Hausdorff distance} between a video's encoded frames (class row included) and its text's
 *       projected words.</li>
 * </ul>
 * The reference's defaults are alpha1 5, alpha2 1, margin 1.414 (≈ √2, the distance of orthogonal unit vectors).
 *
 * @param alpha1 weight of the masked-frame loss
 * @param alpha2 weight of the contrastive alignment loss
 * @param margin distance that unmatched pairs are pushed beyond
 */
public record SslLoss(double alpha1, double alpha2, double margin) {

    /** The reference's weights: 5, 1, 1.414. */
    public static SslLoss reference() {
        return new SslLoss(5, 1, 1.414);
    }

    /** The terms of one batch, each a scalar in the model output's manager. */
    public record Terms(NDArray total, NDArray bce, NDArray mse, NDArray contrast, NDArray hausdorff) {}

    /**
     * Computes every term.
     *
     * @param target the original masked frames [B, d]
     * @param labels 1 for matching text, 0 otherwise [B]
     */
    public Terms compute(SelfSupervisedModel.Output out, NDArray target, NDArray labels) {
        NDArray bce = bceWithLogits(out.matchLogit(), labels);
        NDArray mse = out.predictedFrame().sub(target).square().mean();
        NDArray hd = hausdorff(out.encodedFrames(), out.projectedWords());
        NDArray contrast = contrastive(hd, labels, (float) margin);
        NDArray total = bce.add(Scalars.mul(mse, (float) alpha1)).add(Scalars.mul(contrast, (float) alpha2));
        return new Terms(total, bce, mse, contrast, hd);
    }

    /**
     * mean over the batch of −[y·log σ(z) + (1−y)·log(1−σ(z))], computed stably from the logit z as
     * {@code relu(z) − z·y + log(1 + exp(−|z|))}. Equal to torch's {@code BCELoss} on {@code sigmoid(z)} except where
     * torch clamps a log at −100 (|z| beyond about 100).
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray labels) {
        NDArray softplusTail = logits.abs().neg().exp().add(1f).log();
        return Activation.relu(logits).sub(logits.mul(labels)).add(softplusTail).mean();
    }

    /** mean(y·hd² + (1−y)·relu(margin − hd)²) over the batch. */
    public static NDArray contrastive(NDArray hd, NDArray labels, float margin) {
        NDArray pull = labels.mul(hd.square());
        NDArray push = labels.neg().add(1f).mul(Activation.relu(hd.neg().add(margin)).square());
        return pull.add(push).mean();
    }

    /**
     * Symmetric Hausdorff distance per batch entry between two sets of L2-normalised vectors:
     * {@code max(max_x min_y |x−y|, max_y min_x |x−y|)}, as the reference's {@code Hausdorff_dist}. Normalisation
     * divides by {@code max(|v|, 1e-12)} (torch's {@code F.normalize}). Pairwise distances come from
     * {@code |x|² + |y|² − 2x·y} (a batched matrix product, instead of the reference's [Lx, Ly, B, d] difference
     * tensor), floored at 1e-12 before the square root so that equal vectors give a finite gradient.
     *
     * @param x [B, Lx, d]
     * @param y [B, Ly, d]
     * @return [B]
     */
    public static NDArray hausdorff(NDArray x, NDArray y) {
        NDArray xn = normalize(x);
        NDArray yn = normalize(y);
        NDArray xx = xn.square().sum(new int[] {2}, true); // [B, Lx, 1]
        NDArray yy = yn.square().sum(new int[] {2}, true).transpose(0, 2, 1); // [B, 1, Ly]
        NDArray cross = Scalars.mul(xn.matMul(yn.transpose(0, 2, 1)), 2f);
        NDArray dist = Scalars.maximum(xx.add(yy).sub(cross), 1e-12f).sqrt(); // [B, Lx, Ly]
        NDArray xToY = dist.min(new int[] {2}).max(new int[] {1});
        NDArray yToX = dist.min(new int[] {1}).max(new int[] {1});
        return xToY.maximum(yToX);
    }

    private static NDArray normalize(NDArray v) {
        return v.div(Scalars.maximum(v.square().sum(new int[] {2}, true), 1e-24f).sqrt());
    }

    /** Accuracy of the match decisions: probability above one half (logit above 0) means "matching". */
    public static double accuracy(float[] logits, float[] labels) {
        int right = 0;
        for (int i = 0; i < logits.length; i++) {
            // torch rounds sigmoid(z) = 0.5 to 0 (half to even), i.e. "matching" needs z > 0
            if ((logits[i] > 0 ? 1f : 0f) == labels[i]) {
                right++;
            }
        }
        return logits.length == 0 ? Double.NaN : (double) right / logits.length;
    }
}
