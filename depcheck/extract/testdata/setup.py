from setuptools import setup
setup(install_requires=["requests>=2", # c
 "pyyaml==6"], extras_require={"dev": ["pytest"]}, cmdclass={"install": X})
