import os, sys, requests
API = "https://api.github.com"
def issues(repo):
    token = os.environ["GITHUB_TOKEN"]
    r = requests.get(f"{API}/repos/{repo}/issues", headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"}, timeout=30)
    r.raise_for_status()
    return r.json()
if __name__ == "__main__":
    for i in issues(sys.argv[1]):
        print(i["number"], i["title"])
