package io.camaudit.data;

import static io.camaudit.data.RejectReason.CORRUPT_IMAGE;
import static io.camaudit.data.RejectReason.TOO_MANY_PIXELS;
import static io.camaudit.data.RejectReason.UNSUPPORTED_FORMAT;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Seeded ways to damage a valid PNG, JPEG, GIF, BMP or WBMP file, for fuzzing, each with what
 * {@link ImageDecoder} may do with the result: the reasons it may reject it for, and what the image
 * may look like when it decodes. Both were found by running the decoder on every truncation and
 * every one-byte change of the signature and the header, and on 5000 data mutants, of a 61×47 and a
 * 48×40 image of each format (280,000 mutants in all).
 */
public enum Mutation {
  /**
   * The file cut to 1..n-1 bytes. {@code unsupported_format} when too little is left to recognise
   * the format, and for any cut WBMP, whose reader recognises it by its length; a cut that loses
   * only bytes after the image data (PNG's checksums and end chunk, GIF's trailer, BMP's last row
   * padding) decodes whole.
   */
  TRUNCATION(Decodes.ONLY_WHOLE, EnumSet.of(UNSUPPORTED_FORMAT, CORRUPT_IMAGE)) {
    @Override
    public byte[] apply(byte[] valid, String format, Random random) {
      return Arrays.copyOf(valid, 1 + random.nextInt(valid.length - 1));
    }
  },

  /** One byte of the format's signature changed: no decoder recognises the file. */
  SIGNATURE_FLIP(Decodes.NEVER, EnumSet.of(UNSUPPORTED_FORMAT)) {
    @Override
    public byte[] apply(byte[] valid, String format, Random random) {
      return flip(valid, random.nextInt(signatureBytes(format)), random);
    }
  },

  /**
   * One of the {@value #HEADER_BYTES} bytes after the signature changed, where PNG, GIF, BMP and
   * WBMP declare the image's size: a size over the limit ({@code too_many_pixels}), one that the
   * data does not fit, or another that it does, which decodes at that size. {@code
   * unsupported_format} for a WBMP whose declared size no longer matches its length, or a GIF
   * version other than 87a and 89a.
   */
  HEADER_FLIP(Decodes.AT_ANY_SIZE, EnumSet.of(TOO_MANY_PIXELS, CORRUPT_IMAGE, UNSUPPORTED_FORMAT)) {
    @Override
    public byte[] apply(byte[] valid, String format, Random random) {
      return flip(valid, signatureBytes(format) + random.nextInt(HEADER_BYTES), random);
    }
  },

  /**
   * 1 to 8 bytes changed in the second half of the file, past the signature and size fields of
   * every test image: its image data (for JPEG also Huffman tables).
   */
  DATA_FLIPS(Decodes.AT_ITS_SIZE, EnumSet.of(CORRUPT_IMAGE)) {
    @Override
    public byte[] apply(byte[] valid, String format, Random random) {
      byte[] bytes = valid;
      int half = valid.length / 2;
      for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
        bytes = flip(bytes, half + random.nextInt(valid.length - half), random);
      }
      return bytes;
    }
  };

  /** What a mutant may look like when it decodes. */
  public enum Decodes {
    /** It never decodes. */
    NEVER,
    /** Only to the valid file's pixels. */
    ONLY_WHOLE,
    /** At the valid file's size. */
    AT_ITS_SIZE,
    /** At any size. */
    AT_ANY_SIZE
  }

  private static final int HEADER_BYTES = 24;

  /**
   * Leading bytes by which each format is recognised and any change of which makes it
   * unrecognisable: PNG's signature, JPEG's start-of-image marker, GIF's "GIF8" (the version
   * follows), BMP's "BM", and WBMP's type and fixed header, both 0.
   */
  private static final Map<String, Integer> SIGNATURE_BYTES =
      Map.of("png", 8, "jpg", 2, "gif", 4, "bmp", 2, "wbmp", 2);

  private final Decodes decodes;
  private final Set<RejectReason> reasons;

  Mutation(Decodes decodes, Set<RejectReason> reasons) {
    this.decodes = decodes;
    this.reasons = Set.copyOf(reasons);
  }

  /** What a mutant may look like when it decodes. */
  public Decodes decodes() {
    return decodes;
  }

  /** The reasons the decoder may reject a mutant for. */
  public Set<RejectReason> reasons() {
    return reasons;
  }

  /**
   * A mutant of {@code valid}, a file of {@code format} ({@code png}, {@code jpg}, {@code gif},
   * {@code bmp} or {@code wbmp}); {@code valid} is left as it is.
   */
  public abstract byte[] apply(byte[] valid, String format, Random random);

  private static int signatureBytes(String format) {
    Integer bytes = SIGNATURE_BYTES.get(format);
    if (bytes == null) {
      throw new IllegalArgumentException(
          "format is '" + format + "'; expected one of " + SIGNATURE_BYTES.keySet());
    }
    return bytes;
  }

  /** A copy of {@code bytes} with the byte at {@code index} changed. */
  private static byte[] flip(byte[] bytes, int index, Random random) {
    byte[] copy = bytes.clone();
    copy[index] ^= (byte) (1 + random.nextInt(255));
    return copy;
  }
}
