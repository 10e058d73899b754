"""Checks expected.json against the corpus: every contains/text substring occurs in its article, every name is a gold entity."""
import json,re,html,sys,os
from html.parser import HTMLParser
G=os.path.dirname(os.path.abspath(__file__))
D=os.path.join(G,'..','peace-talks')
g=json.load(open(f'{G}/expected.json'))
texts={}
class V(HTMLParser):
    def __init__(s): super().__init__(); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t in('script','style','head'): s.skip+=1
    def handle_endtag(s,t):
        if t in('script','style','head'): s.skip-=1
    def handle_data(s,d):
        if not s.skip: s.out.append(d)
for f in os.listdir(D):
    p=f'{D}/{f}'
    if f.endswith('.txt'): texts[f]=open(p).read()
    elif f.endswith('.jsonl'):
        for l in open(p):
            r=json.loads(l); texts[r['id']]=r['text']
    elif f.endswith('.html'):
        v=V(); v.feed(open(p).read()); texts[f]=html.unescape(''.join(v.out))
bad=0
refs={a['article'] for a in g['articles']}
assert refs==set(texts), (refs^set(texts))
for a in g['articles']:
    n=len(texts[a['article']].split())
    if not 150<=n<=650: print('WORDS',a['article'],n)
ents=set()
for e in g['entities']: ents.add(e['name'])
outlets={a['outlet'] for a in g['articles']}
for sec in ('quotes','positions','times'):
    for it in g[sec]:
        t=texts.get(it['article']); key='text' if sec=='times' else 'contains'
        if t is None or it[key] not in t: print('MISSING',sec,it['article'],repr(it[key])); bad+=1
        elif sec=='times' and t.count(it[key])>1: print('MULTI',it['article'],repr(it[key]),t.count(it[key]))
for q in g['quotes']:
    if q['speaker'] not in ents: print('SPEAKER?',q['speaker']); bad+=1
for p in g['positions']:
    if p['actor'] not in ents: print('ACTOR?',p['actor']); bad+=1
for e in g['events']:
    for x in e['participants']:
        if x not in ents: print('PART?',x); bad+=1
    if e['place'] and e['place'] not in ents: print('PLACE?',e['place']); bad+=1
    assert e['article'] in texts
for f in g['facts']:
    for o in f['outlets']:
        if o not in outlets: print('OUTLET?',o); bad+=1
stories=[x for s in g['stories'] for x in s]
assert sorted(stories)==sorted(refs) and len(stories)==len(set(stories))
print('bad',bad, {k:len(v) for k,v in g.items()})
