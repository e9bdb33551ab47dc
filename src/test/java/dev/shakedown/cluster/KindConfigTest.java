package dev.shakedown.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindConfigTest {

  @TempDir
  Path cache;

  @Test
  void aCheckoutWithTheScriptIsUsedAsItIs() {
    assertThat(KindConfig.locate(Path.of("kind-config"), cache)).isEqualTo(Path.of("kind-config").toAbsolutePath());
    assertThat(cache).isEmptyDirectory();
  }

  @Test
  void withoutACheckoutTheToolingIsUnpackedFromTheJarOncePerContent() throws IOException {
    Path unpacked = KindConfig.locate(cache.resolve("no-checkout-here"), cache);

    assertThat(unpacked.getParent()).isEqualTo(cache.resolve("kind-config"));
    assertThat(unpacked.resolve("cluster")).hasSameTextualContentAs(Path.of("kind-config/cluster"));
    assertThat(unpacked.resolve("lib/helm.sh")).hasSameTextualContentAs(Path.of("kind-config/lib/helm.sh"));
    assertThat(Files.isExecutable(unpacked.resolve("images/cni-agent/cni-agent"))).as("scripts keep their mode").isTrue();
    Files.writeString(unpacked.resolve("marker"), "kept");
    assertThat(KindConfig.locate(cache.resolve("elsewhere"), cache)).isEqualTo(unpacked);
    assertThat(unpacked.resolve("marker")).as("not unpacked again").exists();
  }
}
