package com.antevus.console.cli;

import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.db.Database;
import com.antevus.console.db.Migrations;
import com.antevus.console.stripe.sandbox.SandboxServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stripe-sandbox", description = {
        "Run the console's local Stripe sandbox on 127.0.0.1 until stopped (Ctrl-C), for anyone's tests.",
        "Point a Stripe client at the printed URL with the key it issues (--key). Any other key is refused, as Stripe",
        "refuses keys it never issued. State is kept in the database."})
final class StripeSandboxCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "12111", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "sk_test_local_sandbox",
            description = "The test-mode secret key this sandbox issues (default: ${DEFAULT-VALUE}); it is worth nothing outside this sandbox.")
    String key;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port + ".");
        }
        if (!key.matches("sk_test_[A-Za-z0-9_]{8,}")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--key must look like a Stripe test secret key: sk_test_ followed by at least 8 letters, digits or _.");
        }
        ConsoleConfig config = root.global.resolve();
        Database db = Database.open(config);
        Migrations.migrate(db);
        SandboxServer server;
        try {
            server = SandboxServer.start(db.ownerDataSource(), port, key, config.clock());
        } catch (java.net.BindException e) {
            db.close();
            throw new com.antevus.console.core.UserFacingException("Port " + port + " on 127.0.0.1 is already in use. "
                    + "Stop what uses it or pass another --port.", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            db.close();
            stopped.countDown();
        }, "stripe-sandbox-stop"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Stripe sandbox listening on " + server.url() + " (state in " + db.target() + "). Press Ctrl-C to stop.");
        out.println("Use it with the key given by --key, e.g. StripeClient.builder().setApiKey(\"<that key>\").setApiBase(\""
                + server.url() + "\")");
        out.flush();
        stopped.await();
        return 0;
    }
}
