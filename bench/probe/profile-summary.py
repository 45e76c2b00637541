# Self and inclusive time per function of a .cpuprofile: python3 profile-summary.py FILE [N]
import json,sys,collections
p=json.load(open(sys.argv[1]))
nodes={n['id']:n for n in p['nodes']}
parent={}
for n in p['nodes']:
    for c in n.get('children',[]): parent[c]=n['id']
cnt=collections.Counter(p['samples'])
dt=collections.defaultdict(float)
# time per sample
td=p['timeDeltas']
for i,s in enumerate(p['samples']):
    d = td[i+1] if i+1 < len(td) else 0
    dt[s]+=d
total=sum(dt.values())
self_=collections.Counter(); incl=collections.Counter()
for nid,t in dt.items():
    n=nodes[nid]; cf=n['callFrame']
    key='%s %s:%d'%(cf['functionName'] or '(anon)', cf['url'].split('/')[-1], cf['lineNumber']+1)
    self_[key]+=t
    seen=set(); x=nid
    while x is not None:
        cf=nodes[x]['callFrame']; k='%s %s:%d'%(cf['functionName'] or '(anon)', cf['url'].split('/')[-1], cf['lineNumber']+1)
        if k not in seen: incl[k]+=t; seen.add(k)
        x=parent.get(x)
N=int(sys.argv[2]) if len(sys.argv)>2 else 40
print('total ms %.0f'%(total/1000))
print('--- self')
for k,v in self_.most_common(N): print('%6.1f%%  %s'%(100*v/total,k))
print('--- inclusive')
for k,v in incl.most_common(N): print('%6.1f%%  %s'%(100*v/total,k))
