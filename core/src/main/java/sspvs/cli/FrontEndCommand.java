package sspvs.cli;

/**
 * A command that lives in a module of its own (e.g. {@code batch} in sspvs-spark, {@code serve} in sspvs-server),
 * so that its heavy dependencies stay off the class path of the other commands. Such a module lists its
 * implementation in {@code META-INF/services/sspvs.cli.FrontEndCommand}; {@link Main} adds every one it finds on
 * the class path as a subcommand.
 */
public interface FrontEndCommand {
    /** The command's name, e.g. {@code batch}. */
    String name();

    /** A new picocli command object (a class annotated with {@code @Command}). */
    Object command();

    /** Its {@code sspvs bench NAME} subcommand (a picocli command object), or null when it has none. */
    default Object benchCommand() {
        return null;
    }
}
