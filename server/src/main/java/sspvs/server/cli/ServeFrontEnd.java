package sspvs.server.cli;

import sspvs.cli.FrontEndCommand;

/** Puts {@code serve} into {@code ./sspvs} when this module is on the class path. */
public final class ServeFrontEnd implements FrontEndCommand {
    @Override
    public String name() {
        return "serve";
    }

    @Override
    public Object command() {
        return new ServeCommand();
    }
}
