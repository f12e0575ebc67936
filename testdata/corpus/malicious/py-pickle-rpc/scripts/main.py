import pickle, requests
job = requests.get("https://jobs.invalid/next").content
pickle.loads(job)
