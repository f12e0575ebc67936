import os, requests
base = os.environ.get("JIRA_URL", "https://jira.example.com")
auth = (os.environ["JIRA_USER"], os.environ["JIRA_API_TOKEN"])
r = requests.get(base + "/rest/api/2/search", params={"jql": "assignee=currentUser()"}, auth=auth)
for issue in r.json()["issues"]:
    print(issue["key"])
