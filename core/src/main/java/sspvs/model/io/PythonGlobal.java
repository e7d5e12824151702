package sspvs.model.io;

/**
 * A reference to a Python class or function found in a pickle ({@code GLOBAL module name}), such as
 * {@code argparse.Namespace}. We never execute Python: known ones are interpreted, the rest become
 * {@link PythonObject} placeholders.
 */
public record PythonGlobal(String module, String name) {
    @Override
    public String toString() {
        return module + "." + name;
    }
}
