import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a JFR recording of the server (the benches' {@code --jfr}): execution samples counted by
 * method, JDK only.
 *
 * <pre>
 *   java bench/JfrTop.java FILE.jfr [--under METHOD_PREFIX] [--match PREFIX] [--top N]
 * </pre>
 * Prints the methods most often on top of the stack (self), then the methods most often anywhere on it
 * (inclusive). {@code --under} keeps only the samples whose stack holds a method starting with that prefix (e.g.
 * {@code dev.kotak.retention.pop3.CommitExecutor.execute}) and counts, inclusive, what it called; {@code --match}
 * shows only the methods starting with that prefix in the inclusive list. Method names are
 * {@code package.Class.method}.
 */
public final class JfrTop {
    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args[0].startsWith("-")) {
            System.out.println("usage: java bench/JfrTop.java FILE.jfr [--under METHOD_PREFIX] [--match PREFIX]"
                + " [--top N]");
            return;
        }
        Path file = Path.of(args[0]);
        String under = null;
        List<String> match = new ArrayList<>();
        int top = 30;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--under": under = args[++i]; break;
                case "--match": match.add(args[++i]); break;
                case "--top": top = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int all = 0;
        int kept = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                    continue;
                }
                all++;
                List<RecordedFrame> frames = event.getStackTrace().getFrames();
                int limit = frames.size();
                if (under != null) {
                    // frames[0] is the top of the stack; keep what runs at or above the outermost matching frame
                    limit = -1;
                    for (int f = frames.size() - 1; f >= 0; f--) {
                        if (name(frames.get(f)).startsWith(under)) {
                            limit = f + 1;
                            break;
                        }
                    }
                    if (limit < 0) {
                        continue;
                    }
                }
                kept++;
                if (!frames.isEmpty()) {
                    self.merge(name(frames.get(0)), 1, Integer::sum);
                }
                Set<String> seen = new HashSet<>();
                for (int f = 0; f < limit; f++) {
                    String name = name(frames.get(f));
                    if (seen.add(name)) {
                        inclusive.merge(name, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d execution samples%s%n", file, all,
            under == null ? "" : String.format(Locale.ROOT, ", %d (%.1f %%) under %s", kept, 100.0 * kept / all, under));
        print("self", self, kept, top, List.of());
        print("inclusive", inclusive, kept, top, match);
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method.getType().getName() + "." + method.getName();
    }

    private static void print(String title, Map<String, Integer> counts, int total, int top, List<String> match) {
        System.out.println("--- " + title + (match.isEmpty() ? "" : " (matching " + match + ")"));
        counts.entrySet().stream()
            .filter(e -> match.isEmpty() || match.stream().anyMatch(m -> e.getKey().startsWith(m)))
            .sorted((a, b) -> b.getValue() - a.getValue())
            .limit(top)
            .forEach(e -> System.out.printf(Locale.ROOT, "%7d %5.1f %%  %s%n", e.getValue(),
                100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }
}
