package io.lifeboat.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import io.lifeboat.providers.sim.SimAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sim", mixinStandardHelpOptions = true, description = "Control the embedded simulated cloud (under .lifeboat/sim of the repository).",
        subcommands = {SimCommand.Outage.class, SimCommand.Restore.class, SimCommand.Status.class, SimCommand.Push.class, SimCommand.Write.class,
                SimCommand.Rows.class, SimCommand.BreakReplica.class, SimCommand.ReplicaLag.class})
final class SimCommand {

    static SimAdmin admin() throws java.io.IOException {
        return new SimAdmin(Workspace.current().root());
    }

    @Command(name = "outage", mixinStandardHelpOptions = true, description = "Take a region down: every call to it fails as in a real outage, until `sim restore`.")
    static final class Outage implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "A region the sim cloud offers (AWS's or GCP's), e.g. us-east-1 or us-central1.")
        String region;

        @Override
        public Integer call() throws Exception {
            admin().outage(region);
            spec.commandLine().getOut().println(region + " is out: every call to it now fails (undo with `lifeboat sim restore " + region + "`)");
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Bring a region back.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "A region the sim cloud offers (AWS's or GCP's), e.g. us-east-1 or us-central1.")
        String region;

        @Override
        public Integer call() throws Exception {
            admin().restore(region);
            spec.commandLine().getOut().println(region + " answers again");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each region of the sim cloud: up or out, its faults, and its objects by type.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            var regions = admin().status();
            if (regions.isEmpty()) out.println("the sim cloud is empty");
            for (SimAdmin.RegionStatus r : regions) {
                int total = 0;
                for (int n : r.objectsByType().values()) total += n;
                out.println(r.region() + ": " + (r.out() ? "OUT since " + r.outSince() : "up") + ", " + io.lifeboat.plan.Plural.of(total, "object")
                        + ", faults: " + faults(r.faults()));
                for (Map.Entry<String, Integer> e : r.objectsByType().entrySet()) {
                    out.println(String.format("    %5d  %s", e.getValue(), e.getKey()));
                }
            }
            return ExitCodes.OK;
        }

        /** {@code throttle 10%, errors 5%, latency +200ms}, or {@code none}. */
        static String faults(io.lifeboat.providers.sim.Faults f) {
            if (f == null || f.none()) return "none";
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (f.throttleRate() > 0) parts.add("throttle " + percent(f.throttleRate()));
            if (f.errorRate() > 0) parts.add("errors " + percent(f.errorRate()));
            if (!f.extraLatency().isZero()) {
                long ms = f.extraLatency().toMillis();
                parts.add("latency +" + (ms < 1000 ? ms + "ms" : new java.math.BigDecimal(ms).movePointLeft(3).stripTrailingZeros().toPlainString() + "s"));
            }
            return String.join(", ", parts);
        }

        private static String percent(double rate) {
            return java.math.BigDecimal.valueOf(rate).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
    }

    @Command(name = "push", mixinStandardHelpOptions = true, description = "Push an image into a region's ECR repository, as `docker push` would.")
    static final class Push implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "The region of the repository, e.g. us-east-1.")
        String region;
        @Parameters(index = "1", paramLabel = "REPO:TAG", description = "The image: REPO:TAG, or REPO@sha256:DIGEST.")
        String image;

        @Override
        public Integer call() throws Exception {
            int at = image.indexOf('@');
            int colon = image.lastIndexOf(':');
            String repository = at >= 0 ? image.substring(0, at) : colon >= 0 ? image.substring(0, colon) : image;
            String reference = at >= 0 ? image.substring(at + 1) : colon >= 0 ? image.substring(colon + 1) : "latest";
            try {
                String digest = admin().pushImage(region, repository, reference);
                spec.commandLine().getOut().println("pushed " + repository + (at >= 0 ? "@" : ":") + reference + " (" + digest + ") to " + region);
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("lifeboat: " + e.getMessage());
                return ExitCodes.ERROR;
            }
        }
    }

    /** A console call on one database: its message on success, the console's refusal as an error. */
    private static int onDatabase(CommandSpec spec, java.util.concurrent.Callable<String> call) throws Exception {
        try {
            spec.commandLine().getOut().println(call.call());
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("lifeboat: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = "Write rows into a database, as its clients would: its replicas replay them their lag later (see `sim rows`).")
    static final class Write implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "The database's region, e.g. us-east-1.")
        String region;
        @Parameters(index = "1", paramLabel = "DATABASE", description = "The database's id: an RDS identifier or a Cloud SQL instance name, e.g. prod-use1-metadata.")
        String database;
        @Parameters(index = "2", paramLabel = "ROWS", description = "How many rows.")
        long rows;

        @Override
        public Integer call() throws Exception {
            return onDatabase(spec, () -> {
                SimAdmin admin = admin();
                admin.writeRows(region, database, rows, java.time.Instant.now());
                return "wrote " + rows + " rows into " + database + " in " + region + "; it holds " + admin.rows(region, database);
            });
        }
    }

    @Command(name = "rows", mixinStandardHelpOptions = true, description = "How many rows a database holds now (a replica: what it has replayed).")
    static final class Rows implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "The database's region, e.g. us-west-2.")
        String region;
        @Parameters(index = "1", paramLabel = "DATABASE", description = "The database's id, e.g. prod-usw2-metadata.")
        String database;

        @Override
        public Integer call() throws Exception {
            return onDatabase(spec, () -> database + " in " + region + " holds " + admin().rows(region, database) + " rows");
        }
    }

    @Command(name = "break-replica", mixinStandardHelpOptions = true,
            description = "Break a read replica's replication, as a failed replication does: a failover then restores a backup instead of promoting it.")
    static final class BreakReplica implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "The replica's region, e.g. us-west-2.")
        String region;
        @Parameters(index = "1", paramLabel = "REPLICA", description = "The replica's id, e.g. prod-usw2-metadata.")
        String replica;
        @Parameters(index = "2", arity = "0..1", paramLabel = "REASON", description = "What the cloud says (default: replication stopped).")
        String reason = "replication stopped";

        @Override
        public Integer call() throws Exception {
            return onDatabase(spec, () -> {
                admin().breakReplica(region, replica, reason);
                return replica + " in " + region + " no longer replicates: " + reason;
            });
        }
    }

    @Command(name = "replica-lag", mixinStandardHelpOptions = true, description = "Set how far a read replica trails its source, as a busy primary or a slow link would.")
    static final class ReplicaLag implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REGION", converter = OptionValues.SimRegion.class, description = "The replica's region, e.g. us-west-2.")
        String region;
        @Parameters(index = "1", paramLabel = "REPLICA", description = "The replica's id, e.g. prod-usw2-metadata.")
        String replica;
        @Parameters(index = "2", paramLabel = "LAG", description = "A duration: 30s, 5m, 2h.")
        String lag;

        @Override
        public Integer call() throws Exception {
            java.time.Duration d = io.lifeboat.spec.Durations.parse(lag);
            if (d == null) {
                spec.commandLine().getErr().println("lifeboat: " + lag + " is not a duration; write it as 30s, 5m or 2h");
                return ExitCodes.ERROR;
            }
            return onDatabase(spec, () -> {
                admin().setReplicaLag(region, replica, d);
                return replica + " in " + region + " now trails its source by " + io.lifeboat.spec.Durations.format(d);
            });
        }
    }
}
