package sspvs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import sspvs.UserException;
import sspvs.UserException.Remedy;

class HintsTest {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z]");

    @Test
    void everyRemedyButNoneNamesTheOptionThatIsTheWayOut() {
        for (Remedy r : Remedy.values()) {
            String hint = Hints.after(r);
            if (r == Remedy.NONE) {
                assertEquals("", hint);
            } else {
                assertTrue(OPTION.matcher(hint).find(), r + " names no option: " + hint);
            }
        }
    }

    @Test
    void theLineIsTheLibrarysMessageThenTheHint() {
        assertEquals("results/TS_C holds a run with another config (lr: 0.001 -> 0.002); to keep it, give this run "
                + "another --name (or --results folder); to start over, add --restart (or delete the folder)",
                Hints.line(new UserException("results/TS_C holds a run with another config (lr: 0.001 -> 0.002)",
                        Remedy.OTHER_NAME_OR_RESTART)));
        assertEquals("a.h5: bad", Hints.line(new UserException("a.h5: bad")));
    }

    @Test
    void theCliPrintsTheHintAfterALibraryError() throws Exception {
        picocli.CommandLine cmd = Main.commandLine();
        java.io.StringWriter err = new java.io.StringWriter();
        cmd.setErr(new java.io.PrintWriter(err, true));
        int code = cmd.getExecutionExceptionHandler().handleExecutionException(
                new UserException("split 0 has a single training video", Remedy.SELECT_ON_TEST), cmd, null);
        assertEquals(UserException.EXIT_CODE, code);
        assertEquals("sspvs: split 0 has a single training video (use --selection test)", err.toString().strip());
    }
}
