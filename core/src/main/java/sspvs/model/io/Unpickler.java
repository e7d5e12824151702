package sspvs.model.io;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small pickle virtual machine for the streams {@code torch.save} writes (protocols 2 to 5), which never runs
 * Python code.
 *
 * <p>Python values map to Java as: None to null, bool to Boolean, int to Long (BigInteger beyond 64 bits),
 * float to Double, str to String, bytes to byte[], list and set to a mutable {@link List}, tuple to an
 * unmodifiable {@link List}, dict and {@code collections.OrderedDict} to a {@link LinkedHashMap}. Tensors rebuilt
 * by {@code torch._utils._rebuild_tensor_v2} (and parameters) become {@link StoredTensor}s; any other class or
 * function call becomes a {@link PythonObject} placeholder, so entries we do not understand never stop a load.
 */
final class Unpickler {
    private final byte[] in;
    private final Function<Object, Object> persistentLoad;
    private int pos;
    private final ArrayList<Object> stack = new ArrayList<>();
    private final ArrayList<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    /**
     * @param in the whole pickle stream
     * @param persistentLoad maps a persistent id (BINPERSID) to the object it stands for
     */
    Unpickler(byte[] in, Function<Object, Object> persistentLoad) {
        this.in = in;
        this.persistentLoad = persistentLoad;
    }

    /** Runs the stream to its STOP opcode and returns the top-level object. */
    Object load() {
        while (true) {
            if (pos >= in.length) {
                throw new MalformedPickleException("pickle ends at byte " + pos + " without a STOP opcode (truncated?)");
            }
            int op = in[pos++] & 0xff;
            switch (op) {
                case 0x80 -> u1(); // PROTO
                case 0x95 -> bytes(8); // FRAME: framing is only a read-ahead hint
                case '.' -> { // STOP
                    return pop();
                }
                case '(' -> marks.add(stack.size()); // MARK
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                // constants and numbers
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) le(4)); // BININT (signed 32-bit)
                case 'K' -> push((long) u1()); // BININT1
                case 'M' -> push((long) (le(2) & 0xffff)); // BININT2
                case 0x8a -> push(longBytes(u1())); // LONG1
                case 0x8b -> push(longBytes(length(le(4)))); // LONG4
                case 'I' -> push(intLine(line())); // INT (protocol 0)
                case 'L' -> push(new BigInteger(stripSuffix(line(), "L")).longValue()); // LONG (protocol 0)
                case 'G' -> push(ByteBuffer.wrap(bytes(8)).order(ByteOrder.BIG_ENDIAN).getDouble()); // BINFLOAT
                case 'F' -> push(Double.parseDouble(line())); // FLOAT (protocol 0)
                // strings and bytes
                case 'X' -> push(utf8(length(le(4)))); // BINUNICODE
                case 0x8c -> push(utf8(u1())); // SHORT_BINUNICODE
                case 0x8d -> push(utf8(length(le(8)))); // BINUNICODE8
                case 'T' -> push(utf8(length(le(4)))); // BINSTRING (py2 str, read as text like torch.load)
                case 'U' -> push(utf8(u1())); // SHORT_BINSTRING
                case 'B' -> push(bytes(length(le(4)))); // BINBYTES
                case 'C' -> push(bytes(u1())); // SHORT_BINBYTES
                case 0x8e, 0x96 -> push(bytes(length(le(8)))); // BINBYTES8, BYTEARRAY8
                case 'V' -> push(line()); // UNICODE (protocol 0, raw-unicode-escape; ASCII in practice)
                case 'S' -> push(unquote(line())); // STRING (protocol 0)
                // containers
                case '}' -> push(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
                case ']' -> push(new ArrayList<Object>()); // EMPTY_LIST
                case ')' -> push(tuple(List.of())); // EMPTY_TUPLE
                case 0x8f -> push(new ArrayList<Object>()); // EMPTY_SET
                case 0x85 -> push(tuple(popN(1))); // TUPLE1
                case 0x86 -> push(tuple(popN(2))); // TUPLE2
                case 0x87 -> push(tuple(popN(3))); // TUPLE3
                case 't' -> push(tuple(popMark())); // TUPLE
                case 'l' -> push(new ArrayList<>(popMark())); // LIST
                case 0x91 -> push(new ArrayList<>(popMark())); // FROZENSET
                case 'd' -> push(dictOf(popMark())); // DICT
                case 's' -> { // SETITEM
                    Object value = pop();
                    Object key = pop();
                    setItem(peek(), key, value);
                }
                case 'u' -> { // SETITEMS
                    List<Object> kv = popMark();
                    Object target = peek();
                    for (int i = 0; i + 1 < kv.size(); i += 2) {
                        setItem(target, kv.get(i), kv.get(i + 1));
                    }
                }
                case 'a' -> { // APPEND
                    Object value = pop();
                    append(peek(), value);
                }
                case 'e', 0x90 -> { // APPENDS, ADDITEMS
                    List<Object> values = popMark();
                    Object target = peek();
                    for (Object v : values) {
                        append(target, v);
                    }
                }
                // memo
                case 'q' -> memo.put((long) u1(), peek()); // BINPUT
                case 'r' -> memo.put(le(4) & 0xffffffffL, peek()); // LONG_BINPUT
                case 'p' -> memo.put(Long.parseLong(line()), peek()); // PUT
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'h' -> push(memoGet(u1())); // BINGET
                case 'j' -> push(memoGet(le(4) & 0xffffffffL)); // LONG_BINGET
                case 'g' -> push(memoGet(Long.parseLong(line()))); // GET
                // objects
                case 'c' -> { // GLOBAL
                    String module = line();
                    push(new PythonGlobal(module, line()));
                }
                case 0x93 -> { // STACK_GLOBAL
                    String name = str(pop());
                    push(new PythonGlobal(str(pop()), name));
                }
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    push(reduce(callable, asList(args, "REDUCE arguments")));
                }
                case 0x81 -> { // NEWOBJ
                    Object args = pop();
                    Object cls = pop();
                    push(newObject(cls, asList(args, "NEWOBJ arguments")));
                }
                case 0x92 -> { // NEWOBJ_EX
                    pop(); // kwargs
                    Object args = pop();
                    Object cls = pop();
                    push(newObject(cls, asList(args, "NEWOBJ_EX arguments")));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    if (peek() instanceof PythonObject obj) {
                        obj.setState(state);
                    } // dicts (OrderedDict._metadata) and tensors: the state is not needed
                }
                case 'Q' -> push(persistentLoad.apply(pop())); // BINPERSID
                case 'P' -> push(persistentLoad.apply(line())); // PERSID
                default -> throw new MalformedPickleException(String.format(
                        "unsupported pickle opcode 0x%02x at byte %d", op, pos - 1));
            }
        }
    }

    // ---- the calls we interpret ----------------------------------------------------------------------------

    private Object reduce(Object callable, List<Object> args) {
        if (!(callable instanceof PythonGlobal g)) {
            return new PythonObject(new PythonGlobal("?", String.valueOf(callable)), args);
        }
        switch (g.toString()) {
            case "collections.OrderedDict", "builtins.dict", "__builtin__.dict" -> {
                LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                if (!args.isEmpty() && args.get(0) instanceof List<?> pairs) {
                    for (Object p : pairs) {
                        List<Object> kv = asList(p, "OrderedDict item");
                        map.put(kv.get(0), kv.get(1));
                    }
                } else if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
                    map.putAll(m);
                }
                return map;
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                return rebuildTensor(args);
            }
            case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                return args.get(0); // a Parameter is its tensor; requires_grad does not matter here
            }
            case "torch._utils._rebuild_from_type_v2" -> {
                // (func, type, args, state): the tensor subclass wrapper around an ordinary rebuild call
                return reduce(args.get(0), asList(args.get(2), "_rebuild_from_type_v2 arguments"));
            }
            case "builtins.set", "builtins.frozenset", "__builtin__.set", "__builtin__.frozenset",
                    "builtins.list", "__builtin__.list" -> {
                return args.isEmpty() ? new ArrayList<>() : new ArrayList<>(asList(args.get(0), g + " argument"));
            }
            case "_codecs.encode" -> { // how protocol 2 pickles bytes: encode(text, 'latin1')
                return str(args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
            }
            case "builtins.bytearray", "__builtin__.bytearray" -> {
                return args.isEmpty() ? new byte[0] : args.get(0);
            }
            case "copy_reg._reconstructor", "copyreg._reconstructor" -> {
                return new PythonObject((PythonGlobal) args.get(0), List.of());
            }
            default -> {
                return new PythonObject(g, args);
            }
        }
    }

    private Object newObject(Object cls, List<Object> args) {
        if (cls instanceof PythonGlobal g && g.toString().equals("collections.OrderedDict")) {
            return new LinkedHashMap<Object, Object>();
        }
        PythonGlobal type = cls instanceof PythonGlobal g ? g : new PythonGlobal("?", String.valueOf(cls));
        return new PythonObject(type, args);
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])}. */
    private static StoredTensor rebuildTensor(List<Object> args) {
        if (args.size() < 4 || !(args.get(0) instanceof StorageRef storage)) {
            throw new MalformedPickleException("tensor rebuild call without a storage: " + args);
        }
        long offset = num(args.get(1));
        long[] size = longs(args.get(2));
        long[] stride = longs(args.get(3));
        if (size.length != stride.length) {
            throw new MalformedPickleException("tensor with size " + Arrays.toString(size) + " but stride "
                    + Arrays.toString(stride));
        }
        return new StoredTensor(storage.key(), storage.className(), storage.type(), storage.numel(), offset, size,
                stride);
    }

    private static long[] longs(Object tuple) {
        List<Object> l = asList(tuple, "size/stride");
        long[] out = new long[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = num(l.get(i));
        }
        return out;
    }

    static long num(Object o) {
        if (o instanceof Long l) {
            return l;
        }
        throw new MalformedPickleException("expected an integer, found " + o);
    }

    private static void setItem(Object target, Object key, Object value) {
        if (target instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) m;
            map.put(key, value);
        } else if (target instanceof PythonObject obj) {
            obj.items().put(key, value);
        } else {
            throw new MalformedPickleException("SETITEM on a " + typeName(target));
        }
    }

    private static void append(Object target, Object value) {
        if (target instanceof ArrayList<?> l) {
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            list.add(value);
        } else if (target instanceof PythonObject obj) {
            obj.listItems().add(value);
        } else {
            throw new MalformedPickleException("APPEND on a " + typeName(target));
        }
    }

    private static Map<Object, Object> dictOf(List<Object> kv) {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            map.put(kv.get(i), kv.get(i + 1));
        }
        return map;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o, String what) {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new MalformedPickleException(what + " should be a tuple, found " + typeName(o));
    }

    private static String str(Object o) {
        if (o instanceof String s) {
            return s;
        }
        throw new MalformedPickleException("expected a string, found " + typeName(o));
    }

    private static String typeName(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    // ---- stack and memo ----------------------------------------------------------------------------------

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) == stack.size())) {
            throw new MalformedPickleException("pickle stack underflow at byte " + pos);
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw new MalformedPickleException("pickle stack empty at byte " + pos);
        }
        return stack.get(stack.size() - 1);
    }

    private List<Object> popN(int n) {
        if (stack.size() < n) {
            throw new MalformedPickleException("pickle stack underflow at byte " + pos);
        }
        List<Object> top = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        return top;
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new MalformedPickleException("pickle opcode needs a MARK at byte " + pos);
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(at, stack.size()));
        stack.subList(at, stack.size()).clear();
        return items;
    }

    private Object memoGet(long key) {
        if (!memo.containsKey(key)) {
            throw new MalformedPickleException("pickle refers to memo entry " + key + " that was never stored");
        }
        return memo.get(key);
    }

    // ---- raw reads ----------------------------------------------------------------------------------------

    private void need(long n) {
        if (n < 0 || pos + n > in.length) {
            throw new MalformedPickleException("pickle truncated at byte " + pos + " (needs " + n + " more bytes)");
        }
    }

    private int u1() {
        need(1);
        return in[pos++] & 0xff;
    }

    /** A little-endian signed integer of n bytes (n <= 8). */
    private long le(int n) {
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (in[pos + i] & 0xff);
        }
        pos += n;
        int shift = 64 - 8 * n;
        return shift == 0 ? v : (v << shift) >> shift;
    }

    private int length(long n) {
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new MalformedPickleException("pickle length " + n + " out of range at byte " + pos);
        }
        return (int) n;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    private String utf8(int n) {
        need(n);
        String s = new String(in, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private String line() {
        int start = pos;
        while (pos < in.length && in[pos] != '\n') {
            pos++;
        }
        if (pos >= in.length) {
            throw new MalformedPickleException("pickle truncated inside a text line at byte " + start);
        }
        return new String(in, start, pos++ - start, StandardCharsets.UTF_8);
    }

    /** LONG1/LONG4 payload: little-endian two's complement. */
    private Object longBytes(int n) {
        byte[] le = bytes(n);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = le[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static Object intLine(String s) {
        return switch (s) {
            case "00" -> Boolean.FALSE;
            case "01" -> Boolean.TRUE;
            default -> Long.parseLong(s);
        };
    }

    private static String stripSuffix(String s, String suffix) {
        return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"')) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
