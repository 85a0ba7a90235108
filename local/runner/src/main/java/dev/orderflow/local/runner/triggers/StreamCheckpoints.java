package dev.orderflow.local.runner.triggers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The last sequence number handed successfully to the function, per stream shard, kept in a file so a
 * restarted runner resumes where it stopped (what Lambda's event source mapping keeps for us on AWS).
 * Without a file (in-memory runs) positions live only as long as the process.
 */
public final class StreamCheckpoints {

    private final Path file;
    private final Properties positions = new Properties();

    public StreamCheckpoints(Path file) {
        this.file = file;
        if (file != null && Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                positions.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read stream checkpoints " + file, e);
            }
        }
    }

    synchronized String get(String streamArn, String shardId) {
        return positions.getProperty(streamArn + "|" + shardId);
    }

    synchronized void put(String streamArn, String shardId, String sequenceNumber) {
        positions.setProperty(streamArn + "|" + shardId, sequenceNumber);
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                positions.store(out, "DynamoDB stream positions relayed by the local runner");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stream checkpoints " + file, e);
        }
    }
}
