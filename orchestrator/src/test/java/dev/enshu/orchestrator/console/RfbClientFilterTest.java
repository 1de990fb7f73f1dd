package dev.enshu.orchestrator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RfbClientFilterTest {
  static final byte[] VERSION = "RFB 003.008\n".getBytes(StandardCharsets.US_ASCII);

  static byte[] handshake(int security, boolean shared) {
    ByteBuffer b = ByteBuffer.allocate(64);
    b.put(VERSION).put((byte) security);
    if (security == 2) {
      b.put(new byte[16]);
    }
    b.put((byte) (shared ? 1 : 0));
    return slice(b);
  }

  static byte[] pixelFormat() {
    ByteBuffer b = ByteBuffer.allocate(20).put((byte) 0).put(new byte[3]);
    b.put((byte) 32).put((byte) 24).put((byte) 0).put((byte) 1);
    b.putShort((short) 255).putShort((short) 255).putShort((short) 255);
    b.put((byte) 16).put((byte) 8).put((byte) 0).put(new byte[3]);
    return b.array();
  }

  static byte[] encodings(int... encodings) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * encodings.length);
    b.put((byte) 2).put((byte) 0).putShort((short) encodings.length);
    for (int e : encodings) {
      b.putInt(e);
    }
    return b.array();
  }

  static byte[] updateRequest() {
    return ByteBuffer.allocate(10)
        .put((byte) 3)
        .put((byte) 1)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) 640)
        .putShort((short) 480)
        .array();
  }

  static byte[] key(int keysym, boolean down) {
    return ByteBuffer.allocate(8)
        .put((byte) 4)
        .put((byte) (down ? 1 : 0))
        .putShort((short) 0)
        .putInt(keysym)
        .array();
  }

  static byte[] pointer(int buttons, int x, int y) {
    return ByteBuffer.allocate(6)
        .put((byte) 5)
        .put((byte) buttons)
        .putShort((short) x)
        .putShort((short) y)
        .array();
  }

  static byte[] cutText(String text) {
    byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(8 + t.length)
        .put((byte) 6)
        .put(new byte[3])
        .putInt(t.length)
        .put(t)
        .array();
  }

  static byte[] extendedCutText(int length) {
    return ByteBuffer.allocate(8 + length)
        .put((byte) 6)
        .put(new byte[3])
        .putInt(-length)
        .put(new byte[length])
        .array();
  }

  static byte[] qemuKey(int keysym) {
    return ByteBuffer.allocate(12)
        .put((byte) 255)
        .put((byte) 0)
        .putShort((short) 1)
        .putInt(keysym)
        .putInt(30)
        .array();
  }

  static byte[] fence(int payload) {
    return ByteBuffer.allocate(9 + payload)
        .put((byte) 248)
        .put(new byte[3])
        .putInt(0x80000000)
        .put((byte) payload)
        .put(new byte[payload])
        .array();
  }

  static byte[] desktopSize(int screens) {
    return ByteBuffer.allocate(8 + 16 * screens)
        .put((byte) 251)
        .put((byte) 0)
        .putShort((short) 800)
        .putShort((short) 600)
        .put((byte) screens)
        .put((byte) 0)
        .put(new byte[16 * screens])
        .array();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] slice(ByteBuffer b) {
    byte[] bytes = new byte[b.position()];
    b.flip().get(bytes);
    return bytes;
  }

  /** Feeds the stream one byte at a time, as the worst split a network can make. */
  static byte[] byteByByte(RfbClientFilter filter, byte[] stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : stream) {
      out.writeBytes(filter.filter(new byte[] {b}));
    }
    return out.toByteArray();
  }

  @Test
  void readOnlyViewerPassesWhatReadsTheScreenAndDropsEveryInputMessage() {
    byte[] reads = concat(pixelFormat(), encodings(7, 5, 0, -223, -258), updateRequest(), fence(4));
    byte[] stream =
        concat(
            handshake(1, true),
            reads,
            key(0x61, true),
            key(0x61, false),
            pointer(1, 100, 200),
            cutText("rm -rf /"),
            extendedCutText(10),
            qemuKey(0x61),
            desktopSize(2),
            updateRequest());
    RfbClientFilter filter = new RfbClientFilter(() -> false);

    byte[] out = byteByByte(filter, stream);

    assertThat(out).isEqualTo(concat(handshake(1, true), reads, updateRequest()));
    assertThat(filter.dropped(4)).isEqualTo(2);
    assertThat(filter.dropped(5)).isEqualTo(1);
    assertThat(filter.dropped(6)).isEqualTo(2);
    assertThat(filter.dropped(255)).isEqualTo(1);
    assertThat(filter.dropped(251)).isEqualTo(1);
    assertThat(filter.forwarded(4)).isZero();
    assertThat(filter.forwarded(3)).isEqualTo(2);
    assertThat(filter.droppedInput()).isEqualTo(7);
  }

  @Test
  void theSameStreamInOneChunkGivesTheSameBytes() {
    byte[] stream =
        concat(handshake(2, true), updateRequest(), key(0x62, true), cutText("x"), pixelFormat());
    byte[] expected = concat(handshake(2, true), updateRequest(), pixelFormat());
    assertThat(new RfbClientFilter(() -> false).filter(stream)).isEqualTo(expected);
    assertThat(byteByByte(new RfbClientFilter(() -> false), stream)).isEqualTo(expected);
  }

  @Test
  void viewerWithControlPassesEverythingUnchanged() {
    byte[] stream =
        concat(
            handshake(1, true),
            encodings(0),
            key(0x61, true),
            pointer(0, 1, 1),
            cutText("hello"),
            qemuKey(0x61),
            desktopSize(1));
    RfbClientFilter filter = new RfbClientFilter(() -> true);
    assertThat(byteByByte(filter, stream)).isEqualTo(stream);
    assertThat(filter.forwarded(4)).isEqualTo(1);
    assertThat(filter.droppedInput()).isZero();
  }

  @Test
  void clientInitIsAlwaysMadeShared() {
    byte[] out = byteByByte(new RfbClientFilter(() -> true), handshake(1, false));
    assertThat(out).isEqualTo(handshake(1, true));
    out = byteByByte(new RfbClientFilter(() -> false), handshake(2, false));
    assertThat(out[out.length - 1]).isEqualTo((byte) 1);
  }

  @Test
  void controlGrantedOrTakenBackAppliesFromTheNextMessage() {
    AtomicBoolean control = new AtomicBoolean(false);
    RfbClientFilter filter = new RfbClientFilter(control::get);
    filter.filter(handshake(1, true));
    byte[] press = key(0x61, true);
    assertThat(filter.filter(press)).isEmpty();
    // a key event split across the grant is held whole (it is all header) and decided when
    // complete
    assertThat(filter.filter(new byte[] {press[0], press[1]})).isEmpty();
    control.set(true);
    assertThat(filter.filter(java.util.Arrays.copyOfRange(press, 2, 8))).isEqualTo(press);
    assertThat(filter.filter(press)).isEqualTo(press);
    control.set(false);
    assertThat(filter.filter(press)).isEmpty();
    assertThat(filter.forwarded(4)).isEqualTo(2);
    assertThat(filter.dropped(4)).isEqualTo(2);
  }

  @Test
  void largeClipboardIsDroppedWithoutBeingHeld() {
    RfbClientFilter filter = new RfbClientFilter(() -> false);
    filter.filter(handshake(1, true));
    byte[] big = cutText("x".repeat(1 << 20));
    int passed = 0;
    for (int at = 0; at < big.length; at += 4096) {
      passed +=
          filter.filter(java.util.Arrays.copyOfRange(big, at, Math.min(big.length, at + 4096)))
              .length;
    }
    assertThat(passed).isZero();
    assertThat(filter.filter(updateRequest())).isEqualTo(updateRequest());
  }

  @Test
  void unknownMessageTypeDisconnectsAReadOnlyViewer() {
    RfbClientFilter filter = new RfbClientFilter(() -> false);
    filter.filter(handshake(1, true));
    assertThatThrownBy(() -> filter.filter(new byte[] {(byte) 200, 0, 0, 0}))
        .isInstanceOf(RfbClientFilter.RfbException.class)
        .hasMessageContaining("type 200");
  }

  @Test
  void unknownMessageTypeLeavesAControllerUnfilteredUntilControlIsTakenBack() {
    AtomicBoolean control = new AtomicBoolean(true);
    RfbClientFilter filter = new RfbClientFilter(control::get);
    filter.filter(handshake(1, true));
    byte[] odd = {(byte) 200, 1, 2, 3};
    assertThat(filter.filter(odd)).isEqualTo(odd);
    assertThat(filter.filter(key(1, true))).isEqualTo(key(1, true));
    control.set(false);
    assertThatThrownBy(() -> filter.filter(key(1, true)))
        .isInstanceOf(RfbClientFilter.RfbException.class)
        .hasMessageContaining("taken back");
  }

  @Test
  void refusesWhatItCannotFrame() {
    assertThatThrownBy(
            () ->
                new RfbClientFilter(() -> false)
                    .filter("RFB 003.003\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(RfbClientFilter.RfbException.class)
        .hasMessageContaining("RFB 003.003");
    RfbClientFilter tls = new RfbClientFilter(() -> false);
    tls.filter(VERSION);
    assertThatThrownBy(() -> tls.filter(new byte[] {19}))
        .isInstanceOf(RfbClientFilter.RfbException.class)
        .hasMessageContaining("security type 19");
  }
}
