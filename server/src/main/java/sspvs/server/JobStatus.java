package sspvs.server;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One job as its status file (status.json in the job's folder) records it; immutable, replaced as the job moves on.
 *
 * @param id the job's id (also its folder's name)
 * @param state queued, running, done or failed
 * @param stage the pipeline stage running or last run ("upload" before the first), as a short label
 * @param progress the whole job's share done, 0..1
 * @param secondsLeft an estimate of the time left while running, else null
 * @param error the one-line reason when failed, else null
 * @param videoName the uploaded file's name as the client gave it (shown only; never used as a path)
 * @param durationSeconds the video's duration once probed, else null
 * @param uploadExtension the stored upload's extension (letters and digits only), e.g. "mp4"
 * @param ratio the share of frames the summary may keep
 * @param createdMillis when the upload finished (epoch milliseconds); jobs list newest first by it
 * @param finishedMillis when it ended, else null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobStatus(String id, JobState state, String stage, double progress, Double secondsLeft, String error,
        String videoName, Double durationSeconds, String uploadExtension, double ratio, long createdMillis,
        Long finishedMillis) {

    public static JobStatus queued(String id, String videoName, double durationSeconds, String extension,
            double ratio, long now) {
        return new JobStatus(id, JobState.QUEUED, "upload", 0, null, null, videoName, durationSeconds, extension,
                ratio, now, null);
    }

    public JobStatus running(String stageLabel, double fraction, Double left) {
        return new JobStatus(id, JobState.RUNNING, stageLabel, fraction, left, null, videoName, durationSeconds,
                uploadExtension, ratio, createdMillis, null);
    }

    public JobStatus done(long now) {
        return new JobStatus(id, JobState.DONE, "done", 1, null, null, videoName, durationSeconds, uploadExtension,
                ratio, createdMillis, now);
    }

    public JobStatus failed(String reason, long now) {
        return new JobStatus(id, JobState.FAILED, stage, progress, null, reason, videoName, durationSeconds,
                uploadExtension, ratio, createdMillis, now);
    }
}
