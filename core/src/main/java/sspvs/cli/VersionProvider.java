package sspvs.cli;

import picocli.CommandLine;

/** Reports the version from the jar manifest (falls back to "dev" when run from classes). */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"sspvs " + (v == null ? "dev" : v)};
    }
}
