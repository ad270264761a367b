package gradnotes.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Matrix products for the models, in place of EJML's {@code CommonOps_DDRM.mult*}: same names,
 * same argument order, faster kernel underneath.
 *
 * <p>When the JVM runs with {@code --add-modules jdk.incubator.vector} (the kernel that
 * {@code make kernel} installs does, as do the tests and benchmarks) the products run on a
 * register-blocked Vector API kernel, several times faster than plain loops; otherwise they run
 * on portable loops, with the same results up to rounding. {@link #kernel()} says which is in use;
 * the system property {@code gradnotes.kernels=portable} forces the loops (here and in {@link Squash}).
 */
public final class MatMul {
    private static final Gemm GEMM = choose();

    private MatMul() {}

    /**
     * Whether the JVM has the Vector API module and the system property {@code gradnotes.kernels=portable}
     * does not ask for the portable loops.
     */
    static boolean vectorApi() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && !"portable".equals(System.getProperty("gradnotes.kernels"));
    }

    static Gemm choose() {
        if (vectorApi()) {
            try {
                return (Gemm) Class.forName("gradnotes.linalg.VectorGemm").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new PortableGemm();
            }
        }
        return new PortableGemm();
    }

    /** Which kernel the products run on, e.g. "Vector API, 4 doubles per vector". */
    public static String kernel() {
        return GEMM.description();
    }

    /** c = a b */
    public static void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, false, false, a, b, c, false);
    }

    /** c += a b */
    public static void multAdd(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, false, false, a, b, c, true);
    }

    /** c = aᵀ b */
    public static void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, true, false, a, b, c, false);
    }

    /** c += aᵀ b */
    public static void multAddTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, true, false, a, b, c, true);
    }

    /** c = a bᵀ */
    public static void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, false, true, a, b, c, false);
    }

    /** c += a bᵀ */
    public static void multAddTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        product(GEMM, false, true, a, b, c, true);
    }

    static void product(Gemm gemm, boolean transA, boolean transB, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                        boolean add) {
        int m = transA ? a.numCols : a.numRows, k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows, n = transB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n)
            throw new IllegalArgumentException("cannot form " + shape(c) + " = " + shape(a) + (transA ? "ᵀ" : "")
                    + " · " + shape(b) + (transB ? "ᵀ" : "") + ": the product is " + (k == kb ? m + "×" + n : "undefined (" + k + " ≠ " + kb + ")"));
        if (c == a || c == b) throw new IllegalArgumentException("the product cannot be written into one of its factors");
        if (add) gemm.multAdd(transA, transB, m, n, k, a.data, 0, a.numCols, b.data, 0, b.numCols, c.data, 0, c.numCols);
        else gemm.mult(transA, transB, m, n, k, a.data, 0, a.numCols, b.data, 0, b.numCols, c.data, 0, c.numCols);
    }

    private static String shape(DMatrixRMaj x) {
        return x.numRows + "×" + x.numCols;
    }
}
