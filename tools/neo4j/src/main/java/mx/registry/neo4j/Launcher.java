package mx.registry.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;
import org.neo4j.logging.log4j.LogConfig;
import org.neo4j.logging.log4j.Neo4jLoggerContext;

/**
 * Starts a local Neo4j 5.26 (Community) with only a Bolt connector on 127.0.0.1, for development
 * ({@code --data DIR}, persistent) and tests ({@code --ephemeral}, throw-away folder).
 *
 * <p>Contract: stdout carries exactly one line, {@code REGISTRY-NEO4J READY bolt://127.0.0.1:<port>},
 * printed once Bolt accepts connections and the {@code neo4j} password is set. Everything else goes
 * to stderr or to log files inside the Neo4j home folder.
 *
 * <p>Exit codes: 0 clean stop, 1 start failure, 2 usage/configuration error.
 */
public final class Launcher {
    static final String READY_PREFIX = "REGISTRY-NEO4J READY ";
    private static final String HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 7687;
    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final long READY_TIMEOUT_MS = 60_000;

    /** The real stdout, reserved for the READY line. System.out is redirected to stderr. */
    private static final PrintStream STDOUT = System.out;

    private final Object lock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Neo4j harness; // --ephemeral
    private DatabaseManagementService dbms; // --data
    private Neo4jLoggerContext userLogContext; // --data
    private Path ephemeralRoot; // --ephemeral, deleted at stop
    private boolean stopDone;

    private Launcher() {}

    public static void main(String[] args) {
        // Anything a library prints on System.out must not pollute the READY contract.
        System.setOut(new PrintStream(System.err, true, StandardCharsets.UTF_8));

        Options opts;
        try {
            opts = Options.parse(args, System.getenv());
        } catch (UsageException e) {
            System.err.println("registry-neo4j: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }

        Launcher launcher = new Launcher();
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "registry-neo4j-shutdown"));
        try {
            launcher.start(opts);
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("registry-neo4j: failed to start Neo4j: " + root);
            t.printStackTrace(System.err);
            launcher.stop();
            Runtime.getRuntime().halt(1);
            return;
        }

        STDOUT.println(READY_PREFIX + "bolt://" + HOST + ":" + opts.port);
        STDOUT.flush();

        if (opts.stopOnStdinEof) {
            Thread watcher = new Thread(() -> {
                waitForStdinEof();
                System.err.println("registry-neo4j: stdin closed, stopping");
                System.exit(0); // runs the shutdown hook
            }, "registry-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        try {
            launcher.stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start(Options opts) throws Exception {
        Map<Setting<?>, Object> cfg = new LinkedHashMap<>();
        cfg.put(GraphDatabaseSettings.auth_enabled, true);
        cfg.put(GraphDatabaseSettings.auth_minimum_password_length, MIN_PASSWORD_LENGTH);
        cfg.put(BoltConnector.enabled, true);
        cfg.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        cfg.put(BoltConnector.listen_address, new SocketAddress(HOST, opts.port));
        cfg.put(BoltConnector.advertised_address, new SocketAddress(HOST, opts.port));
        cfg.put(HttpConnector.enabled, false);
        cfg.put(HttpsConnector.enabled, false);
        cfg.put(GraphDatabaseSettings.pagecache_memory, opts.pageCache);
        cfg.put(GraphDatabaseSettings.memory_transaction_global_max_size, opts.txMemory);
        // No anonymous usage reports (dbms.usage_report.enabled): there is no network besides registries.
        cfg.put(GraphDatabaseSettings.udc_enabled, false);
        // Netty's default graceful quiet period (5 s, applied twice) made every stop take ~10 s.
        // Internal settings, valid for the pinned 5.26.x.
        cfg.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        cfg.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5));

        GraphDatabaseService system;
        synchronized (lock) {
            if (opts.ephemeral) {
                ephemeralRoot = Files.createTempDirectory("registry-neo4j-");
            }
            System.err.printf(Locale.ROOT,
                    "registry-neo4j: starting Neo4j (%s) bolt://%s:%d pagecache=%dMiB tx.total.max=%dMiB heap.max=%dMiB%n",
                    opts.ephemeral ? "ephemeral " + ephemeralRoot : "data " + opts.dataDir, HOST, opts.port,
                    opts.pageCache >> 20, opts.txMemory >> 20, Runtime.getRuntime().maxMemory() >> 20);

            if (opts.ephemeral) {
                // The harness always creates a random (md5-named) sub-folder of the working dir.
                Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(ephemeralRoot);
                for (Map.Entry<Setting<?>, Object> e : cfg.entrySet()) {
                    withConfig(builder, e.getKey(), e.getValue());
                }
                harness = builder.build();
                system = harness.databaseManagementService().database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            } else {
                Path home = opts.dataDir;
                Files.createDirectories(home.resolve("logs"));
                userLogContext = LogConfig.createTemporaryLoggerToSingleFile(
                        new DefaultFileSystemAbstraction(), home.resolve("logs").resolve("neo4j.log"), Level.INFO, true);
                dbms = new DatabaseManagementServiceBuilder(home)
                        .setConfig(cfg)
                        .setUserLogProvider(new Log4jLogProvider(userLogContext))
                        .build();
                system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
            }
        }

        setPassword(system, opts.password);
        waitForBolt(opts.port);
        System.err.println("registry-neo4j: ready");
    }

    @SuppressWarnings("unchecked")
    private static <T> void withConfig(Neo4jBuilder builder, Setting<T> setting, Object value) {
        builder.withConfig(setting, (T) value);
    }

    /**
     * Sets the neo4j user's password from the environment on every start (the env var stays the
     * source of truth, also for an existing --data folder) and clears the "change required" flag.
     * Embedded transactions run with full rights, so this works with auth enabled.
     */
    private static void setPassword(GraphDatabaseService system, String password) {
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            // Same password as stored (restart of a --data folder): only make sure no change is required.
            system.executeTransactionally("ALTER USER neo4j SET PASSWORD CHANGE NOT REQUIRED");
        }
    }

    private static void waitForBolt(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("Bolt did not accept connections on " + HOST + ":" + port, last);
    }

    private static void waitForStdinEof() {
        byte[] buf = new byte[4096];
        try (InputStream in = System.in) {
            while (in.read(buf) >= 0) {
                // discard
            }
        } catch (IOException e) {
            // treat a broken stdin like EOF
        }
    }

    /** Idempotent; called by the shutdown hook (SIGTERM/SIGINT, System.exit) and on start failure. */
    private void stop() {
        synchronized (lock) {
            if (stopDone) {
                return;
            }
            stopDone = true;
            System.err.println("registry-neo4j: stopping");
            try {
                if (harness != null) {
                    harness.close(); // shuts the DBMS down and deletes the md5 sub-folder
                }
                if (dbms != null) {
                    dbms.shutdown();
                }
            } catch (Throwable t) {
                System.err.println("registry-neo4j: error during shutdown: " + t);
            } finally {
                if (userLogContext != null) {
                    try {
                        userLogContext.close();
                    } catch (Throwable ignored) {
                        // best effort
                    }
                }
                if (ephemeralRoot != null) {
                    try {
                        deleteRecursively(ephemeralRoot);
                    } catch (IOException e) {
                        System.err.println("registry-neo4j: could not delete " + ephemeralRoot + ": " + e);
                    }
                }
                System.err.println("registry-neo4j: stopped");
                stopped.countDown();
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static final class Options {
        static final String USAGE = String.join("\n",
                "usage: Launcher (--data DIR | --ephemeral) [--stop-on-stdin-eof]",
                "  env REGISTRY_NEO4J_PASSWORD   password of user neo4j (required, >= 8 characters)",
                "  env REGISTRY_NEO4J_PORT       Bolt port on 127.0.0.1 (default 7687, 1-65535)",
                "  env REGISTRY_NEO4J_PAGECACHE  page cache size (default 2g with --data, 512m with --ephemeral)",
                "  env REGISTRY_NEO4J_TX_MEMORY  dbms.memory.transaction.total.max (default: half of the max heap)");

        Path dataDir;
        boolean ephemeral;
        boolean stopOnStdinEof;
        int port;
        String password;
        long pageCache;
        long txMemory;

        static Options parse(String[] args, Map<String, String> env) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--data":
                        if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                            throw new UsageException("--data needs a folder");
                        }
                        if (o.dataDir != null) {
                            throw new UsageException("--data given twice");
                        }
                        o.dataDir = Paths.get(args[++i]).toAbsolutePath().normalize();
                        break;
                    case "--ephemeral":
                        o.ephemeral = true;
                        break;
                    case "--stop-on-stdin-eof":
                        o.stopOnStdinEof = true;
                        break;
                    case "-h":
                    case "--help":
                        throw new UsageException("help requested");
                    default:
                        throw new UsageException("unknown argument: " + args[i]);
                }
            }
            if (o.ephemeral == (o.dataDir != null)) {
                throw new UsageException("give exactly one of --data DIR or --ephemeral");
            }

            String pw = env.get("REGISTRY_NEO4J_PASSWORD");
            if (pw == null || pw.isEmpty()) {
                throw new UsageException("REGISTRY_NEO4J_PASSWORD is not set (password of user neo4j, >= "
                        + MIN_PASSWORD_LENGTH + " characters)");
            }
            if (pw.length() < MIN_PASSWORD_LENGTH) {
                throw new UsageException("REGISTRY_NEO4J_PASSWORD is too short: Neo4j requires at least "
                        + MIN_PASSWORD_LENGTH + " characters");
            }
            o.password = pw;

            String port = env.getOrDefault("REGISTRY_NEO4J_PORT", "").trim();
            if (port.isEmpty()) {
                o.port = DEFAULT_PORT;
            } else {
                try {
                    o.port = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new UsageException("REGISTRY_NEO4J_PORT is not a number: " + port);
                }
                if (o.port < 1 || o.port > 65535) {
                    throw new UsageException("REGISTRY_NEO4J_PORT must be 1-65535 (0 is refused: a known port is needed): "
                            + port);
                }
            }

            o.pageCache = bytes(env, "REGISTRY_NEO4J_PAGECACHE", o.ephemeral ? "512m" : "2g");
            long halfHeap = Math.max(64L << 20, (Runtime.getRuntime().maxMemory() / 2) & ~((1L << 20) - 1));
            o.txMemory = bytes(env, "REGISTRY_NEO4J_TX_MEMORY", Long.toString(halfHeap));
            return o;
        }

        private static long bytes(Map<String, String> env, String name, String dflt) throws UsageException {
            String v = env.getOrDefault(name, "").trim();
            if (v.isEmpty()) {
                v = dflt;
            }
            try {
                long n = SettingValueParsers.BYTES.parse(v);
                if (n <= 0) {
                    throw new IllegalArgumentException("must be > 0");
                }
                return n;
            } catch (RuntimeException e) {
                throw new UsageException(name + " is not a valid size (e.g. 512m, 2g): " + v + " (" + e.getMessage() + ")");
            }
        }
    }
}
