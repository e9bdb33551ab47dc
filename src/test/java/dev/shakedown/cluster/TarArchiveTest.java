package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarArchiveTest {

  @Test
  void aDirectoryKeepsItsNameItsFilesTheirContentAndTheExecutableBit(@TempDir Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("v1.35.4").resolve("sub"));
    Path tool = Files.writeString(tmp.resolve("v1.35.4").resolve("kubeadm"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(dir.resolve("images.txt"), "pause:3.10.1\n");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TarArchive.write(tmp.resolve("v1.35.4"), out);

    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    Map<String, String> contents = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), e);
        if (!e.isDirectory()) {
          contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    assertThat(entries).containsOnlyKeys("v1.35.4/", "v1.35.4/kubeadm", "v1.35.4/sub/", "v1.35.4/sub/images.txt");
    assertThat(entries.get("v1.35.4/kubeadm").getMode() & 0777).isEqualTo(0755);
    assertThat(entries.get("v1.35.4/sub/images.txt").getMode() & 0777).isEqualTo(0644);
    assertThat(contents).containsEntry("v1.35.4/kubeadm", "#!/bin/sh\necho hi\n")
        .containsEntry("v1.35.4/sub/images.txt", "pause:3.10.1\n");
  }
}
