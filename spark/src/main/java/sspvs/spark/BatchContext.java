package sspvs.spark;

import java.io.Serializable;

/**
 * What every task of one batch run shares, shipped once per task (a few hundred bytes).
 *
 * @param spec the pipeline settings and ratio
 * @param fingerprint {@link PipelineSpec#fingerprint}, read on the driver
 * @param modelSha256 the checkpoint's checksum (for the rows of videos that fail)
 * @param out the output folder, absolute
 * @param retryFailed redo videos whose committed result is a failure
 */
public record BatchContext(PipelineSpec spec, String fingerprint, String modelSha256, String out,
        boolean retryFailed) implements Serializable {
    /** The context of a run writing to {@code out} (absolute): reads the checkpoint's checksum once. */
    public static BatchContext of(PipelineSpec spec, java.nio.file.Path out, boolean retryFailed) {
        String modelSha256 = sspvs.io.Sha256.of(java.nio.file.Path.of(spec.model()));
        return new BatchContext(spec, spec.fingerprint(modelSha256), modelSha256, out.toString(), retryFailed);
    }
}
