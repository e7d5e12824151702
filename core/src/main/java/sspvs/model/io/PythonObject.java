package sspvs.model.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A placeholder for a Python object of a class we do not interpret (an {@code argparse.Namespace}, Lightning's
 * {@code AttributeDict}, a callback's state, a numpy scalar). It records what the pickle said, so unrelated
 * checkpoint entries load without breaking anything and remain inspectable.
 *
 * <p>{@link #args()} are the constructor/reduce arguments, {@link #state()} what {@code BUILD} set (often a
 * dict of attributes), and {@link #items()} / {@link #listItems()} the entries of dict or list subclasses.
 */
public final class PythonObject {
    private final PythonGlobal type;
    private final List<Object> args;
    private Object state;
    private final Map<Object, Object> items = new LinkedHashMap<>();
    private final List<Object> listItems = new ArrayList<>();

    public PythonObject(PythonGlobal type, List<Object> args) {
        this.type = type;
        this.args = args;
    }

    public PythonGlobal type() {
        return type;
    }

    public List<Object> args() {
        return args;
    }

    public Object state() {
        return state;
    }

    void setState(Object state) {
        this.state = state;
    }

    public Map<Object, Object> items() {
        return items;
    }

    public List<Object> listItems() {
        return listItems;
    }

    /**
     * An attribute: from the BUILD state when it is a dict (a plain object's {@code __dict__}), else from the
     * dict items (dict subclasses such as {@code AttributeDict}); null when absent.
     */
    public Object get(String attribute) {
        if (state instanceof Map<?, ?> m && m.containsKey(attribute)) {
            return m.get(attribute);
        }
        return items.get(attribute);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type.toString()).append('(');
        if (!args.isEmpty()) {
            sb.append("args=").append(args);
        }
        if (!items.isEmpty()) {
            sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append(items);
        }
        if (state != null) {
            sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : ", ").append("state=").append(state);
        }
        return sb.append(')').toString();
    }
}
