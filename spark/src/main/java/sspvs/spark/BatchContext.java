package sspvs.spark;

import java.io.Serializable;

/**
 * What every task of one batch run shares, shipped once per task (a few hundred bytes).
 *
 * @param spec the pipeline settings and ratio
 * @param fingerprint {@link PipelineSpec#fingerprint()}, read on the driver
 * @param modelSha256 the checkpoint's checksum (for the rows of videos that fail)
 * @param out the output folder, absolute
 * @param retryFailed redo videos whose committed result is a failure
 */
public record BatchContext(PipelineSpec spec, String fingerprint, String modelSha256, String out,
        boolean retryFailed) implements Serializable {}
