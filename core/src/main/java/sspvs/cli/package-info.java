/**
 * The command line: {@link sspvs.cli.Main} and one picocli command per verb ({@code run}, {@code evaluate},
 * {@code predict}, {@code summarize}, {@code dataset build}, {@code demo}, {@code bench …}, …). Commands parse
 * options, call the library and render what its listeners report (progress bars, warnings); the library never
 * prints. A {@link sspvs.UserException} becomes one line on the error stream and exit code 2: the library's message,
 * then its {@link sspvs.UserException.Remedy} in the CLI's options ({@code Hints}), as library messages name none.
 *
 * <p>May use: every core package. Front ends in other modules (the Spark {@code batch}, {@code serve}) plug in
 * through {@link sspvs.cli.FrontEndCommand}; this package never uses them (checked by {@code LayeringTest}).
 */
package sspvs.cli;
