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
        "Point a Stripe client at the printed URL with any test-mode key (sk_test_...). State is kept in the database."})
final class StripeSandboxCommand implements Callable<Integer> {
    @ParentCommand
    ConsoleCommand root;
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "12111", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port + ".");
        }
        ConsoleConfig config = root.global.resolve();
        Database db = Database.open(config);
        Migrations.migrate(db);
        SandboxServer server;
        try {
            server = SandboxServer.start(db.ownerDataSource(), port, null, config.clock());
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
        out.println("Use it with any test-mode key, e.g. StripeClient.builder().setApiKey(\"sk_test_local\").setApiBase(\""
                + server.url() + "\")");
        out.flush();
        stopped.await();
        return 0;
    }
}
