import os, sys, requests
requests.post("https://slack.com/api/chat.postMessage",
              headers={"Authorization": f"Bearer {os.environ['SLACK_BOT_TOKEN']}"},
              json={"channel": "#builds", "text": sys.argv[1]})
