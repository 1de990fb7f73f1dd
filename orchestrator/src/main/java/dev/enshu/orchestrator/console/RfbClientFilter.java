package dev.enshu.orchestrator.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * Reads the bytes a VNC viewer sends to the display (RFB 3.7/3.8, RFC 6143) as they come, split
 * anywhere, and passes on only what the viewer may send. Every gateway connection goes through it:
 *
 * <ul>
 *   <li>the handshake passes (ProtocolVersion, the security type, a VNC authentication response),
 *       except that ClientInit's shared flag is forced on, so that no viewer's connection
 *       disconnects the others (a trainee's session survives an observer joining);
 *   <li>messages that only read the display pass: SetPixelFormat (0), SetEncodings (2),
 *       FramebufferUpdateRequest (3), EnableContinuousUpdates (150), ClientFence (248);
 *   <li>messages that act on the guest pass only while {@code control} says yes, and are dropped
 *       whole otherwise: KeyEvent (4), PointerEvent (5), ClientCutText (6, also in its extended
 *       form), xvp (250: shutdown, reboot), SetDesktopSize (251), QEMU's messages (255: extended
 *       key events, audio).
 * </ul>
 *
 * <p>Messages are framed by their lengths and streamed: only headers (at most 20 bytes) are held,
 * bodies (clipboard text, encoding lists) pass or are dropped as they arrive, so memory is bounded
 * whatever the viewer sends. A message's fate is decided when its header is complete (for
 * fixed-size messages such as key and pointer events, when the whole message is there). A message
 * type it does not know cannot be framed: a viewer without control is then disconnected ({@link
 * RfbException}); one with control goes on unfiltered, and is disconnected if its control is later
 * taken back. RFB 3.3 (where the display, not the viewer, picks the security type) and security
 * types other than None and VNC authentication are refused for the same reason. Not thread-safe:
 * one connection's browser messages arrive in order.
 */
final class RfbClientFilter {
  private static final int VERSION_BYTES = 12;
  private static final int NONE = 1;
  private static final int VNC_AUTH = 2;

  private enum State {
    VERSION,
    SECURITY,
    AUTH,
    CLIENT_INIT,
    HEADER,
    BODY,
    UNFRAMED
  }

  private final BooleanSupplier control;
  private final byte[] header = new byte[20];
  private final AtomicLongArray forwarded = new AtomicLongArray(256);
  private final AtomicLongArray dropped = new AtomicLongArray(256);
  private State state = State.VERSION;
  private int held;
  private long bodyLeft;
  private boolean passBody;

  RfbClientFilter(BooleanSupplier control) {
    this.control = control;
  }

  /** The bytes of {@code chunk} to send on to the display (possibly none). */
  byte[] filter(byte[] chunk) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.length);
    int i = 0;
    while (i < chunk.length) {
      switch (state) {
        case VERSION -> {
          header[held++] = chunk[i++];
          if (held == VERSION_BYTES) {
            String version = new String(header, 0, VERSION_BYTES, StandardCharsets.US_ASCII);
            if (!version.startsWith("RFB 003.") || version.compareTo("RFB 003.007\n") < 0) {
              throw new RfbException(
                  "the viewer speaks " + version.trim() + "; the gateway relays RFB 3.7 and 3.8");
            }
            out.write(header, 0, held);
            held = 0;
            state = State.SECURITY;
          }
        }
        case SECURITY -> {
          int type = chunk[i++] & 0xff;
          if (type != NONE && type != VNC_AUTH) {
            throw new RfbException(
                "the viewer chose security type " + type + "; the gateway relays None and VNC");
          }
          out.write(type);
          bodyLeft = type == VNC_AUTH ? 16 : 0;
          state = bodyLeft > 0 ? State.AUTH : State.CLIENT_INIT;
        }
        case AUTH -> {
          int auth = (int) Math.min(bodyLeft, chunk.length - i);
          out.write(chunk, i, auth);
          i += auth;
          bodyLeft -= auth;
          if (bodyLeft == 0) {
            state = State.CLIENT_INIT;
          }
        }
        case CLIENT_INIT -> {
          i++;
          out.write(1); // shared: never disconnect the display's other viewers
          state = State.HEADER;
        }
        case HEADER -> {
          header[held++] = chunk[i++];
          long total = length(header, held);
          if (total == UNKNOWN) {
            if (!control.getAsBoolean()) {
              throw new RfbException(
                  "the viewer sent RFB message type "
                      + (header[0] & 0xff)
                      + ", which the gateway cannot frame for a read-only viewer");
            }
            out.write(header, 0, held);
            held = 0;
            state = State.UNFRAMED;
          } else if (total > 0) {
            int messageType = header[0] & 0xff;
            passBody = readOnly(messageType) || control.getAsBoolean();
            (passBody ? forwarded : dropped).incrementAndGet(messageType);
            if (passBody) {
              out.write(header, 0, held);
            }
            bodyLeft = total - held;
            held = 0;
            state = bodyLeft > 0 ? State.BODY : State.HEADER;
          }
        }
        case BODY -> {
          int body = (int) Math.min(bodyLeft, chunk.length - i);
          if (passBody) {
            out.write(chunk, i, body);
          }
          i += body;
          bodyLeft -= body;
          if (bodyLeft == 0) {
            state = State.HEADER;
          }
        }
        case UNFRAMED -> {
          if (!control.getAsBoolean()) {
            throw new RfbException(
                "control was taken back from a viewer whose messages the gateway cannot frame");
          }
          out.write(chunk, i, chunk.length - i);
          i = chunk.length;
        }
        default -> throw new IllegalStateException(state.name());
      }
    }
    return out.toByteArray();
  }

  private static final long UNKNOWN = -1;
  private static final long MORE = 0;

  /**
   * The whole length of the message whose first {@code n} bytes are in {@code h}: MORE when its
   * header is not complete yet, UNKNOWN for a type that cannot be framed.
   */
  static long length(byte[] h, int n) {
    return switch (h[0] & 0xff) {
      // SetPixelFormat: type, 3 padding, 16 pixel format
      case 0 -> fixed(20, n);
      // SetEncodings: type, padding, u16 count, count × s32
      case 2 -> n < 4 ? MORE : 4 + 4L * u16(h, 2);
      // FramebufferUpdateRequest: type, incremental, x, y, w, h
      case 3 -> fixed(10, n);
      // KeyEvent: type, down, 2 padding, u32 keysym
      case 4 -> fixed(8, n);
      // PointerEvent: type, buttons, x, y
      case 5 -> fixed(6, n);
      // ClientCutText: type, 3 padding, s32 length (negative: extended, |length|)
      case 6 -> n < 8 ? MORE : 8 + Math.abs((long) s32(h, 4));
      // EnableContinuousUpdates: type, enable, x, y, w, h
      case 150 -> fixed(10, n);
      // ClientFence: type, 3 padding, u32 flags, u8 length, payload
      case 248 -> n < 9 ? MORE : 9 + (h[8] & 0xff);
      // xvp: type, padding, version, code
      case 250 -> fixed(4, n);
      // SetDesktopSize: type, padding, w, h, u8 screens, padding, screens × 16
      case 251 -> n < 8 ? MORE : 8 + 16L * (h[6] & 0xff);
      // QEMU: type, subtype, ...
      case 255 -> qemu(h, n);
      default -> UNKNOWN;
    };
  }

  private static long qemu(byte[] h, int n) {
    if (n < 2) {
      return MORE;
    }
    if (h[1] == 0) { // extended key event: u16 down, u32 keysym, u32 keycode
      return fixed(12, n);
    }
    if (h[1] == 1) { // audio: u16 operation; set-format adds u8, u8, u32
      return n < 4 ? MORE : u16(h, 2) == 2 ? fixed(10, n) : 4;
    }
    return UNKNOWN;
  }

  private static long fixed(int length, int n) {
    return n < length ? MORE : length;
  }

  private static int u16(byte[] h, int at) {
    return (h[at] & 0xff) << 8 | (h[at + 1] & 0xff);
  }

  private static int s32(byte[] h, int at) {
    return (h[at] & 0xff) << 24
        | (h[at + 1] & 0xff) << 16
        | (h[at + 2] & 0xff) << 8
        | (h[at + 3] & 0xff);
  }

  /** Messages that only ask for pixels or settle the encoding: any viewer may send them. */
  private static boolean readOnly(int type) {
    return type == 0 || type == 2 || type == 3 || type == 150 || type == 248;
  }

  /** How many messages of RFB type {@code type} were passed on to the display. */
  long forwarded(int type) {
    return forwarded.get(type);
  }

  /** How many messages of RFB type {@code type} were dropped (the viewer had no control). */
  long dropped(int type) {
    return dropped.get(type);
  }

  /** Input messages (key, pointer, clipboard and the like) dropped so far. */
  long droppedInput() {
    long sum = 0;
    for (int t = 0; t < 256; t++) {
      sum += dropped.get(t);
    }
    return sum;
  }

  String counters() {
    StringBuilder s = new StringBuilder();
    for (int t = 0; t < 256; t++) {
      if (forwarded.get(t) + dropped.get(t) > 0) {
        s.append(s.length() == 0 ? "" : ", ")
            .append(t)
            .append(": ")
            .append(forwarded.get(t))
            .append(" passed ")
            .append(dropped.get(t))
            .append(" dropped");
      }
    }
    return s.toString();
  }

  /** The viewer's stream cannot be filtered; the connection must end. */
  static final class RfbException extends RuntimeException {
    RfbException(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "RFB filter at " + state + " [" + counters() + "]";
  }
}
