package sspvs.spark;

import java.io.Serializable;

/**
 * One video of the batch as a Spark task sees it: its path and its output folder's name (strings, so the item is
 * a few hundred bytes on the wire; the video itself is read by the executor from storage all executors share).
 */
public record VideoItem(String path, String folder) implements Serializable {}
