package org.logtally.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Command line of {@code ./logtally local}: runs the whole pipeline on the given log files
 * until Ctrl-C.
 */
public final class LocalMain {

    static final String USAGE = """
            Usage: ./logtally local [OPTIONS] [PATH...]

            Runs the whole logtally pipeline on this machine and follows the access log files
            PATH (files or globs such as '/var/log/nginx/*.log', nginx combined format).
            With no PATH it follows the bundled sample, samples/access.log.

            Options:
              --data-dir DIR   directory for all state: database, broker journal, checkpoints
                               and service logs (default: data/ in the repository)
              --port PORT      HTTP port of the API and dashboard (default: 8080)
              --site NAME      site name given to the followed files (default: default)
              --format FORMAT  line format: combined (the default), common, vhost_combined,
                               json, or an nginx log_format string in quotes
              --counters N     number of counter-service instances (default: 1)
              --include-bots   count crawlers and other bots as visitors too (by default
                               they count as hits and as bot visitors only)
              --geoip FILE     country database in MaxMind DB format (.mmdb) for the
                               countries breakdown; without it every country is unknown
              --amqp URL       use this AMQP 1.0 broker, amqp://USER:PASSWORD@HOST:PORT,
                               instead of an embedded Artemis
              --database URL   use this PostgreSQL server,
                               postgresql://USER:PASSWORD@HOST:PORT/DATABASE,
                               instead of an embedded one
              -h, --help       print this help
            """;

    private LocalMain() {
    }

    public static void main(String[] args) {
        LocalOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("logtally: " + e.getMessage());
            System.err.println("Run ./logtally local --help for the options.");
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(USAGE);
            return;
        }
        run(options);
    }

    private static void run(LocalOptions options) {
        LocalPipeline.log("data directory " + options.dataDir());
        options.sources().forEach((site, paths) ->
                LocalPipeline.log("following " + String.join(", ", paths) + " as site " + site));
        options.sources().values().stream().flatMap(List::stream)
                .filter(path -> !isGlob(path) && !Files.exists(Path.of(path)))
                .forEach(path -> LocalPipeline.log("warning: " + path + " does not exist yet; it is read once it"
                        + " appears"));
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(options);
        } catch (RuntimeException e) {
            System.err.println("logtally: failed to start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalPipeline.log("stopping");
            pipeline.close();
            LocalPipeline.log("stopped");
            stopped.countDown();
        }, "logtally-shutdown"));

        String api = pipeline.apiUrl().toString();
        System.out.println();
        System.out.println("  Dashboard:    " + api);
        System.out.println("  API:          " + api + "api/v1/visitors/daily");
        System.out.println("  Service logs: " + options.dataDir().resolve("logs"));
        System.out.println();
        System.out.println("Press Ctrl-C to stop.");

        while (stopped.getCount() > 0) {
            Optional<ServiceProcess> exited = pipeline.exitedService();
            if (exited.isPresent()) {
                ServiceProcess service = exited.get();
                System.err.println("logtally: " + service.name() + " exited with code " + service.exitCode()
                        + "; its log is " + service.logFile() + ". Stopping the others.");
                System.exit(1);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Parses the arguments, or returns null when help was requested. */
    static LocalOptions parse(String[] args) {
        Path root = Path.of(System.getProperty("logtally.root", ".")).toAbsolutePath().normalize();
        Path dataDir = root.resolve("data");
        int port = 8080;
        int counters = 1;
        String site = "default";
        Endpoint broker = null;
        Endpoint database = null;
        Map<String, String> counterProperties = new HashMap<>();
        String format = null;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg)).toAbsolutePath().normalize();
                case "--port" -> port = intValue(args, ++i, arg, 1, 65535);
                case "--counters" -> counters = intValue(args, ++i, arg, 1, 16);
                case "--site" -> site = siteName(value(args, ++i, arg));
                case "--amqp" -> broker = Endpoint.parse(arg, value(args, ++i, arg), "amqp", 5672);
                case "--database" -> database = Endpoint.parse(arg, value(args, ++i, arg), "postgresql", 5432);
                case "--format" -> format = value(args, ++i, arg);
                case "--include-bots" -> counterProperties.put("logtally.counter.visitors.include-bots", "true");
                case "--geoip" -> counterProperties.put("logtally.counter.geoip.database",
                        existingFile(value(args, ++i, arg), arg).toString());
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    paths.add(logPath(arg));
                }
            }
        }
        if (paths.isEmpty()) {
            Path sample = root.resolve("samples/access.log");
            if (!Files.isRegularFile(sample)) {
                throw new IllegalArgumentException("no PATH given and the bundled sample " + sample + " is missing");
            }
            paths.add(sample.toString());
        }
        // ingest-service checks the format at start-up and names the problem when it cannot be used.
        Map<String, String> ingestProperties = format == null ? Map.of()
                : Map.of("logtally.ingest.sources." + site + ".format", format);
        return new LocalOptions(root, dataDir, Map.of(site, paths), counters, port, broker, database, ingestProperties,
                counterProperties);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int intValue(String[] args, int index, String option, int min, int max) {
        String text = value(args, index, option);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max + ", got \"" + text + "\"");
    }

    /** Resolves a PATH argument, rejecting one that can never name a log file. */
    private static String logPath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("an empty PATH was given; give log files or a glob such as"
                    + " '/var/log/nginx/*.log'");
        }
        Path path = Path.of(text).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + " is a directory; give log files or a glob such as '"
                    + path.resolve("*.log") + "'");
        }
        return path.toString();
    }

    private static boolean isGlob(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static Path existingFile(String text, String option) {
        Path file = Path.of(text).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + " must name an existing file, but " + file + " was not found");
        }
        return file;
    }

    private static String siteName(String text) {
        if (!text.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("--site must be letters, digits, '_' or '-', starting with a letter"
                    + " or digit, got \"" + text + "\"");
        }
        return text;
    }
}
