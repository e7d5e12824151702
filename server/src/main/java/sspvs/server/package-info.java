/**
 * {@code sspvs serve}'s library: a job store on disk ({@link sspvs.server.JobStore}), workers that each own one
 * {@link sspvs.summarize.SummarizePipeline} ({@link sspvs.server.JobWorkers}), and the Javalin application with the
 * page and the JSON API ({@link sspvs.server.ServeApp}). It summarises only through {@code sspvs.summarize}'s entry
 * point, never prints (events go to a {@link sspvs.server.ServerListener}; {@code sspvs.server.cli} renders them),
 * and uses only the core packages {@code sspvs}, {@code sspvs.io}, {@code sspvs.summarize} and
 * {@code sspvs.video.decode}.
 */
package sspvs.server;
