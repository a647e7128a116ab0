package io.camaudit.data;

/**
 * What the markers of a JPEG file say (ITU-T T.81, annex B), read without decoding: the frame's
 * size, components, precision and coding process, and whether the entropy-coded data after the
 * first scan header ends with an end-of-image marker. A file cut short (an interrupted upload) has
 * no such marker: entropy-coded data never holds {@code FF D9}, since an {@code FF} byte in it is
 * always followed by {@code 00} or a restart marker.
 *
 * @param width frame width, pixels (0 when the frame header declares it later, by a DNL marker)
 * @param height frame height, pixels
 * @param components colour components (1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK)
 * @param precision bits per sample
 * @param sofMarker the start-of-frame marker's second byte: {@code C0} baseline, {@code C1}
 *     extended, {@code C2} progressive, others lossless or arithmetic-coded
 * @param complete whether an end-of-image marker follows the first scan header
 */
public record JpegStructure(
    int width, int height, int components, int precision, int sofMarker, boolean complete) {

  /**
   * The structure of {@code bytes}, or {@code null} when they do not start like a JPEG file or
   * their markers cannot be followed up to a frame and a scan header.
   */
  public static JpegStructure read(byte[] bytes) {
    if (bytes.length < 4 || (bytes[0] & 0xff) != 0xFF || (bytes[1] & 0xff) != 0xD8) {
      return null;
    }
    int pos = 2;
    int[] frame = null;
    while (pos + 4 <= bytes.length) {
      if ((bytes[pos] & 0xff) != 0xFF) {
        return null;
      }
      int marker = bytes[pos + 1] & 0xff;
      if (marker == 0xFF) {
        pos++;
        continue;
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        pos += 2;
        continue;
      }
      if (marker == 0xD9) {
        return null;
      }
      int length = ((bytes[pos + 2] & 0xff) << 8) | (bytes[pos + 3] & 0xff);
      if (length < 2 || pos + 2 + length > bytes.length) {
        return null;
      }
      if (isStartOfFrame(marker) && length >= 8) {
        frame =
            new int[] {
              bytes[pos + 4] & 0xff,
              ((bytes[pos + 5] & 0xff) << 8) | (bytes[pos + 6] & 0xff),
              ((bytes[pos + 7] & 0xff) << 8) | (bytes[pos + 8] & 0xff),
              bytes[pos + 9] & 0xff,
              marker
            };
      }
      if (marker == 0xDA) {
        if (frame == null) {
          return null;
        }
        return new JpegStructure(
            frame[2],
            frame[1],
            frame[3],
            frame[0],
            frame[4],
            hasEndOfImage(bytes, pos + 2 + length));
      }
      pos += 2 + length;
    }
    return null;
  }

  /** Whether a DCT-scaled decoder can decode it: 8-bit Huffman-coded grey or three-component. */
  public boolean scalable() {
    return precision == 8
        && (sofMarker == 0xC0 || sofMarker == 0xC1 || sofMarker == 0xC2)
        && (components == 1 || components == 3)
        && width > 0
        && height > 0;
  }

  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  /**
   * Whether {@code FF D9} occurs at or after {@code from}. Searched from the end, where a complete
   * file has it: a 12-megapixel photograph's 2 MB are not read twice.
   */
  private static boolean hasEndOfImage(byte[] bytes, int from) {
    for (int i = bytes.length - 2; i >= from; i--) {
      if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xD9) {
        return true;
      }
    }
    return false;
  }
}
