# A real RTSP server for RtspPullTest: GStreamer's gst-rtsp-server (Debian: gir1.2-gst-rtsp-server-1.0,
# gstreamer1.0-plugins-good, python3-gi) serving an H.264 MP4 clip at rtsp://127.0.0.1:PORT/clip.
# Each client gets its own pipeline from the start of the clip, paced in real time.
# usage: python3 rtsp_server.py CLIP.mp4 PORT   (prints "ready" once it listens)
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(sys.argv[2])
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( filesrc location=%s ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )" % sys.argv[1])
factory.set_shared(False)
server.get_mount_points().add_factory("/clip", factory)
if server.attach(None) == 0:
    sys.exit("cannot listen on port " + sys.argv[2])
print("ready", flush=True)
GLib.MainLoop().run()
