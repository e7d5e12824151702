package sspvs.train;

/** Run in a child JVM by NativeHeapTest: prints which allocator NativeHeap found and whether a release ran. */
public final class NativeHeapChild {
    private NativeHeapChild() {}

    public static void main(String[] args) {
        byte[][] churn = new byte[64][];
        for (int i = 0; i < churn.length; i++) {
            churn[i] = new byte[1 << 16];
        }
        System.out.println(NativeHeap.allocator() + " " + NativeHeap.releaseFreed() + " " + churn.length);
    }
}
