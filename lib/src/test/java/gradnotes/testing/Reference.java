package gradnotes.testing;

import org.ejml.data.DMatrixRMaj;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reference values computed by an independent implementation (PyTorch, see lib/src/test/python),
 * read from a test resource {@code reference/NAME.txt}: one matrix per line,
 * {@code name rows cols v11 v12 ...}.
 */
public final class Reference {
    private final String file;
    private final Map<String, DMatrixRMaj> values;

    private Reference(String file, Map<String, DMatrixRMaj> values) {
        this.file = file;
        this.values = values;
    }

    /** Loads {@code reference/NAME.txt} from the test classpath. */
    public static Reference load(String name) {
        String file = "/reference/" + name + ".txt";
        InputStream in = Reference.class.getResourceAsStream(file);
        if (in == null) throw new IllegalArgumentException("no fixture " + file + " on the test classpath; "
                + "run the generator in lib/src/test/python");
        Map<String, DMatrixRMaj> values = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] f = line.split("\\s+");
                int rows = Integer.parseInt(f[1]), cols = Integer.parseInt(f[2]);
                if (f.length != 3 + rows * cols)
                    throw new IllegalStateException(file + ":" + lineNo + ": " + f[0] + " declares " + rows + "×" + cols
                            + " but has " + (f.length - 3) + " values");
                DMatrixRMaj m = new DMatrixRMaj(rows, cols);
                for (int i = 0; i < rows * cols; i++) m.data[i] = Double.parseDouble(f[3 + i]);
                values.put(f[0], m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reference(file, values);
    }

    /** The matrix written under {@code name}. */
    public DMatrixRMaj get(String name) {
        DMatrixRMaj m = values.get(name);
        if (m == null) throw new IllegalArgumentException(file + " has no " + name + "; it has " + values.keySet());
        return m.copy();
    }

    /** A 1×1 entry as a number. */
    public double scalar(String name) { return get(name).get(0, 0); }

    public boolean has(String name) { return values.containsKey(name); }
}
