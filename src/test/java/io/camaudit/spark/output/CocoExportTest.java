package io.camaudit.spark.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CocoExportTest {

  @Test
  void fileNamesUnderTheImagesRootAreRelativeToIt() {
    String root = "s3a://bucket/val2017/";
    assertEquals("a/b.jpg", CocoExport.fileName("s3a://bucket/val2017/a/b.jpg", root));
    assertEquals(
        "s3a://bucket/train2017/c.jpg", CocoExport.fileName("s3a://bucket/train2017/c.jpg", root));
    assertEquals(
        "s3a://bucket/val2017x/d.jpg",
        CocoExport.fileName("s3a://bucket/val2017x/d.jpg", root),
        "a sibling folder with the same prefix is not under the root");
    assertEquals("file:/data/e.png", CocoExport.fileName("file:/data/e.png", null));
  }
}
