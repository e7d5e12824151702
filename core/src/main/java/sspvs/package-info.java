/**
 * The root: {@link sspvs.UserException}, the one exception for a user's mistake (bad file, bad option), which the
 * CLI prints as one line and exit code {@link sspvs.UserException#EXIT_CODE}, without a stack trace.
 *
 * <p>Layers, bottom to top (each package may use those below it, never one above; checked by {@code LayeringTest}):
 * {@code sspvs}, {@code io}, {@code stats}, {@code onnx}, {@code config}, {@code tensor}, {@code knapsack},
 * {@code text}, {@code data}, {@code eval}, {@code report}, {@code model} (+ {@code .io}, {@code .ssl}),
 * {@code train}; then the media code {@code shots}, {@code video} (+ subpackages), {@code summarize}; then the
 * front end {@code cli}. The Spark batch module ({@code sspvs.spark}) sits on top of all of them.
 *
 * <p>May use: no other sspvs package.
 */
package sspvs;
