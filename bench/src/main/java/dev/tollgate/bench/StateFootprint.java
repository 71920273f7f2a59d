package dev.tollgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.utils.Utils;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LiveFileMetaData;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The size of a stopped Kafka Streams application's RocksDB stores, per store: every database (a task's store, or
 * a segment of a window store) is copied, fully compacted and read through. A store's on-disk bytes after a full
 * compaction hold each live key once, so they do not depend on how many flushes happened to be waiting for
 * compaction when the application stopped.
 */
final class StateFootprint {

    /**
     * One store summed over its tasks and segments.
     *
     * @param logicalBytes the keys' and values' own bytes
     * @param diskBytes the SST files' bytes after a full compaction, with the table settings Kafka Streams gives
     *                  its stores (no compression, 4 KiB blocks, a Bloom filter)
     */
    record Store(String name, long keys, long logicalBytes, long diskBytes) {

        double diskBytesPerKey() {
            return diskBytes / (double) Math.max(1, keys);
        }
    }

    private StateFootprint() {
    }

    /** Every store of the application whose state lives in {@code appStateDir}, by name. */
    static Map<String, Store> measure(final Path appStateDir, final Path scratch) {
        RocksDB.loadLibrary();
        final Map<String, Store> stores = new TreeMap<>();
        for (final Path database : databases(appStateDir)) {
            final String name = storeName(appStateDir.relativize(database));
            final Store measured = measureCopy(database, scratch.resolve("footprint-" + stores.size()), name);
            stores.merge(name, measured, (a, b) -> new Store(name, a.keys() + b.keys(),
                a.logicalBytes() + b.logicalBytes(), a.diskBytes() + b.diskBytes()));
        }
        return stores;
    }

    /** Directories holding a RocksDB database: those with a CURRENT file. */
    private static List<Path> databases(final Path appStateDir) {
        try (Stream<Path> files = Files.walk(appStateDir)) {
            return files.filter(path -> path.getFileName().toString().equals("CURRENT"))
                .map(Path::getParent).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The store a database belongs to, from where Kafka Streams puts it: {@code 0_1/rocksdb/charge-aggregates}
     * for a task's key-value store, {@code global/rocksdb/plans} for a global one, and
     * {@code 0_1/event-status/event-status.1700000000000} for a segment of a window store.
     */
    private static String storeName(final Path relative) {
        final boolean keyValue = relative.getNameCount() > 2 && relative.getName(1).toString().equals("rocksdb");
        return relative.getName(keyValue ? 2 : 1).toString();
    }

    private static Store measureCopy(final Path database, final Path copy, final String name) {
        try {
            copyDirectory(database, copy);
            return compactAndRead(copy, name);
        } catch (RocksDBException e) {
            throw new IllegalStateException("cannot read the store copied from " + database, e);
        } finally {
            try {
                Utils.delete(copy.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Store compactAndRead(final Path copy, final String name) throws RocksDBException {
        final List<byte[]> families;
        try (Options options = new Options()) {
            families = RocksDB.listColumnFamilies(options, copy.toString());
        }
        try (BloomFilter filter = new BloomFilter();
             ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()
                 .setCompressionType(CompressionType.NO_COMPRESSION)
                 .setTableFormatConfig(new BlockBasedTableConfig().setBlockSize(4096L).setFilterPolicy(filter));
             DBOptions options = new DBOptions()) {
            final List<ColumnFamilyDescriptor> descriptors = families.stream()
                .map(family -> new ColumnFamilyDescriptor(family, familyOptions)).toList();
            final List<ColumnFamilyHandle> handles = new ArrayList<>();
            try (RocksDB db = RocksDB.open(options, copy.toString(), descriptors, handles)) {
                long keys = 0;
                long logicalBytes = 0;
                for (final ColumnFamilyHandle handle : handles) {
                    db.compactRange(handle);
                    try (RocksIterator entries = db.newIterator(handle)) {
                        for (entries.seekToFirst(); entries.isValid(); entries.next()) {
                            keys++;
                            logicalBytes += entries.key().length + entries.value().length;
                        }
                    }
                }
                final long diskBytes = db.getLiveFilesMetaData().stream().mapToLong(LiveFileMetaData::size).sum();
                return new Store(name, keys, logicalBytes, diskBytes);
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    private static void copyDirectory(final Path from, final Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (final Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
