package sspvs.model.io;

/** A pickle stream we cannot interpret (truncated, corrupt, or using opcodes torch never writes). */
final class MalformedPickleException extends RuntimeException {
    MalformedPickleException(String message) {
        super(message);
    }
}
