package io.cachebreaker.bench.memory;

import io.cachebreaker.bench.Fixtures;
import io.cachebreaker.runtime.CachebreakerSettings;
import io.cachebreaker.runtime.serving.AssetCatalog;
import io.cachebreaker.runtime.serving.AssetSite;
import io.cachebreaker.runtime.serving.CatalogEntry;
import io.cachebreaker.runtime.serving.StoredVariant;
import io.cachebreaker.runtime.tokenfile.Asset;
import io.cachebreaker.runtime.tokenfile.AssetManifest;
import io.cachebreaker.runtime.tokenfile.AssetPrefix;
import io.cachebreaker.runtime.tokenfile.Encoding;
import io.cachebreaker.runtime.tokenfile.TokenFile;
import io.cachebreaker.runtime.tokenfile.TokenStrategy;
import io.cachebreaker.runtime.tokenfile.Variant;
import org.openjdk.jol.info.GraphLayout;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Benchmark 5, memory: the heap the runtime keeps for a 10,000-asset manifest. It builds the runtime's whole state
 * for one application, {@link AssetSite} (token file, manifest, catalog of resolved variants, URL builder, request
 * handler), exactly as the servlet and {@code AssetUrls} do at start-up, from a generated class path tree, and
 * measures it two ways:
 *
 * <ul>
 *   <li>JOL's {@link GraphLayout}: every object reachable from the site, minus what is reachable from a one-asset
 *       site (the constants, enums and singletons any site shares);</li>
 *   <li>the used heap after full GCs, before and after building the site (classes already loaded by the one-asset
 *       site), as a cross-check.</li>
 * </ul>
 *
 * <p>Both at start-up (no asset bytes held) and after every variant was read once, which fills the runtime's memory
 * cache up to its budget (defaults: variants up to 48 KiB, 16 MiB in all).
 *
 * <p>Usage: {@code MemoryBench <work dir> <assets>}
 */
public final class MemoryBench {
    /** A static function, so the measured graph does not reach a container. */
    private static final Function<String, String> NO_MIME_TYPES = name -> null;

    private MemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        int count = Integer.parseInt(args[1]);
        Path big = work.resolve("classes-" + count);
        Path one = work.resolve("classes-1");
        long treeBytes = writeTree(big, count);
        writeTree(one, 1);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (URLClassLoader oneLoader = loader(one); URLClassLoader bigLoader = loader(big)) {
            AssetSite small = site(oneLoader);
            readAll(small);
            long baseline = GraphLayout.parseInstance(small).totalSize();

            // Heap readings first, with no JOL graph alive (a GraphLayout holds a record per object).
            long heapBefore = usedAfterGc(memory);
            AssetSite site = site(bigLoader);
            long heapAfter = usedAfterGc(memory);
            GraphLayout layout = GraphLayout.parseInstance(site);
            long startup = layout.totalSize();
            long startupObjects = layout.totalCount();
            String footprint = layout.toFootprint();
            layout = null;

            long held = readAll(site);
            long heapFilled = usedAfterGc(memory);
            GraphLayout filledLayout = GraphLayout.parseInstance(site);
            long filled = filledLayout.totalSize();

            long gzipped = site.tokenFile().manifest().assets().stream().filter(a -> !a.encoded().isEmpty()).count();
            System.out.printf(Locale.ROOT, "Manifest: %d assets (%d of them with a gzip sibling, so %d stored"
                            + " variants), tree of %d bytes; token file %d bytes.%n%n", count, gzipped,
                    count + gzipped, treeBytes, Files.size(big.resolve(TokenFile.RESOURCE)));
            System.out.println("| state | retained by the runtime (JOL, less a 1-asset site) | per asset |"
                    + " objects | heap delta after GC (cross-check) | target |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.printf(Locale.ROOT, "| at start-up, no asset bytes held | %s | %d B | %d | %s | (none set) |%n",
                    mib(startup - baseline), (startup - baseline) / count, startupObjects,
                    mib(heapAfter - heapBefore));
            System.out.printf(Locale.ROOT, "| after one read of every variant (memory cache filled: %s of bytes"
                            + " held) | %s | %d B | %d | %s | (none set) |%n", mib(held), mib(filled - baseline),
                    (filled - baseline) / count, filledLayout.totalCount(), mib(heapFilled - heapBefore));
            System.out.println();
            System.out.println("Largest classes at start-up (JOL footprint of the whole 10,000-asset graph, by"
                    + " bytes):");
            System.out.println();
            System.out.println("| class | count | bytes | bytes per asset |");
            System.out.println("|---|---|---|---|");
            List<String[]> rows = new ArrayList<>();
            for (String line : footprint.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[0].matches("\\d+")) {
                    rows.add(f);
                }
            }
            rows.sort((a, b) -> Long.compare(Long.parseLong(b[2]), Long.parseLong(a[2])));
            for (String[] f : rows.subList(0, Math.min(12, rows.size()))) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %d |%n", f[3], f[0], f[2],
                        Long.parseLong(f[2]) / count);
            }
            // Keep both reachable until here.
            if (((AssetCatalog) site.source()).size() + ((AssetCatalog) small.source()).size() == 0) {
                System.out.println();
            }
        }
    }

    static AssetSite site(ClassLoader loader) {
        return AssetSite.load(loader, "/app", CachebreakerSettings.defaults(), NO_MIME_TYPES, Clock.systemUTC());
    }

    /** Reads every variant once, as the first request for each would; returns the bytes the cache now holds. */
    static long readAll(AssetSite site) throws Exception {
        long held = 0;
        for (Asset asset : site.tokenFile().manifest().assets()) {
            CatalogEntry entry = site.source().get(asset.path());
            List<StoredVariant> variants = new ArrayList<>();
            variants.add(entry.original());
            for (Encoding e : asset.encoded().keySet()) {
                variants.add(entry.variantOrOriginal(e));
            }
            for (StoredVariant v : variants) {
                v.write(OutputStream.nullOutputStream(), 0, v.size());
                if (v.inMemory()) {
                    held += v.size();
                }
            }
        }
        return held;
    }

    static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    static URLClassLoader loader(Path classes) throws Exception {
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }

    /**
     * Writes {@code count} assets (paths as {@link Fixtures#syntheticPath}, 500 to 4,500 bytes of text, a gzip
     * sibling for three in four) and their token file. Skipped when already there.
     */
    static long writeTree(Path classes, int count) throws Exception {
        Path tokenFilePath = classes.resolve(TokenFile.RESOURCE);
        AssetPrefix prefix = AssetPrefix.parse(AssetPrefix.DEFAULT);
        Path dir = classes.resolve(prefix.directory(Fixtures.TOKEN));
        List<Asset> assets = new ArrayList<>(count);
        long bytes = 0;
        boolean exists = Files.isRegularFile(tokenFilePath);
        if (exists) {
            TokenFile existing = TokenFile.read(tokenFilePath);
            if (existing.manifest().size() == count) {
                return existing.manifest().totalBytes();
            }
        }
        for (int i = 0; i < count; i++) {
            String path = Fixtures.syntheticPath(i);
            byte[] data = Fixtures.text(500 + (int) ((i * 7919L) % 4000), i, i % 4 == 0);
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, data);
            bytes += data.length;
            Map<Encoding, Variant> encoded = new EnumMap<>(Encoding.class);
            if (i % 4 != 3) {
                byte[] gz = Fixtures.gzip(data);
                Files.write(dir.resolve(path + Encoding.GZIP.suffix()), gz);
                encoded.put(Encoding.GZIP, new Variant(gz.length, Fixtures.sha256(gz)));
            }
            assets.add(new Asset(path, new Variant(data.length, Fixtures.sha256(data)), encoded));
        }
        Files.createDirectories(tokenFilePath.getParent());
        Files.write(tokenFilePath, new TokenFile(Fixtures.TOKEN, TokenStrategy.TIMESTAMP, prefix, Fixtures.BUILD_TIME,
                AssetManifest.of(assets)).toBytes());
        return bytes;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB (%d B)", bytes / 1048576.0, bytes);
    }
}
