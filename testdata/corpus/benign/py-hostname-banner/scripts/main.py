import socket, getpass, platform
print(f"{getpass.getuser()}@{socket.gethostname()} on {platform.system()}")
