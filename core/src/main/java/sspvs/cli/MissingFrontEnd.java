package sspvs.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;
import sspvs.UserException;

/**
 * Stands for a front-end command whose module is not on the class path (the core jar run on its own): it says where
 * the command lives instead of "unknown command".
 */
@Command(hidden = true)
final class MissingFrontEnd implements Callable<Integer> {
    private final String name;
    private final String module;

    @Unmatched
    List<String> ignored;

    MissingFrontEnd(String name, String module) {
        this.name = name;
        this.module = module;
    }

    @Override
    public Integer call() {
        throw new UserException("'" + name + "' lives in the " + module + " module, which is not on the class path: "
                + "run it as ./sspvs " + name + " (the launcher adds that module's jars)");
    }
}
