package dev.custody.core.internal.attach.cosign;

import dev.custody.Custody;
import dev.custody.core.testing.TestImages;
import dev.custody.oci.ImageReference;
import dev.custody.store.StoreOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Eight signers appending to one layout's legacy signature tag at once lose no layer. */
class CosignConcurrencyTest {
  @TempDir Path tmp;

  @RepeatedTest(3)
  void eightConcurrentSigners_layoutTag_everyLayerSurvives() throws Exception {
    TestImages.writeLayout(tmp.resolve("layout"), "v1", TestImages.image("concurrent"));
    ImageReference image = ImageReference.parse("oci:" + tmp.resolve("layout") + ":v1");
    Custody custody = Custody.builder().storeOptions(StoreOptions.defaults()).build();

    ConcurrentSigners.signConcurrently(custody, image, 8);
  }
}
