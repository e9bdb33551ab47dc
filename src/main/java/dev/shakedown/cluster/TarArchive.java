package dev.shakedown.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * An uncompressed tar of a host file or directory, as {@code docker cp} sends it: the top entry keeps its name, files
 * keep their executable bit. docker-java's own {@code withHostResource} gzips the archive first, which costs about a
 * minute per 800 MB on two cores for nothing (the Docker engine is on this machine).
 */
final class TarArchive {

  private TarArchive() {}

  /** Writes the archive of {@code source} to {@code out} (not closed). */
  static void write(Path source, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    Path base = source.toAbsolutePath().getParent();
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(source)) {
      paths = walk.sorted().toList();
    }
    for (Path p : paths) {
      String name = base.relativize(p.toAbsolutePath()).toString().replace('\\', '/');
      boolean dir = Files.isDirectory(p);
      TarArchiveEntry entry = new TarArchiveEntry(dir ? name + "/" : name);
      entry.setMode(dir ? 040755 : Files.isExecutable(p) ? 0100755 : 0100644);
      entry.setModTime(Files.getLastModifiedTime(p));
      if (!dir) {
        entry.setSize(Files.size(p));
      }
      tar.putArchiveEntry(entry);
      if (!dir) {
        Files.copy(p, tar);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
  }
}
