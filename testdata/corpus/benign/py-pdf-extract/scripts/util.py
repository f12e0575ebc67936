import platform
def describe():
    return f"{platform.system()} {platform.release()}"
