package sspvs.server;

/** Where a job stands; the JSON API writes these in lower case. */
public enum JobState {
    QUEUED, RUNNING, DONE, FAILED;

    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
